import { defineSession } from '../../src/lib/session.ts';

// The server on one address, the laptop's on the local network: the phone connects; the laptop's
// own 127.0.0.1 is another address, where nothing listens.
export default defineSession({
  port: 12000,
  lab: 'two-hosts',
  hosts: { server: 'laptop', laptop: 'laptop', phone: 'phone' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 192.168.0.10' },
    { in: 'laptop', run: 'ss -ltn' },
    {
      in: 'phone',
      run: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi',
      waitFor: { server: 'closed' },
    },
    { in: 'laptop', run: 'npx tsx examples/tcp-client.ts oi', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
