import { defineSession } from '../../src/lib/session.ts';

// The other way round: from the server, outside, the laptop cannot be reached. Its private
// address leads nowhere (the server has no route to 192.168.0.0/24, as no router on the internet
// has), and the router's address answers for the router itself: nothing listens there, a RST.
export default defineSession({
  port: 12000,
  lab: 'nat',
  hosts: { server: 'laptop', client: 'server' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0' },
    { in: 'client', run: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi', exit: 1 },
    { in: 'client', run: 'npx tsx examples/tcp-client.ts --host 203.0.113.1 oi', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
