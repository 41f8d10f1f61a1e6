import { defineSession } from '../../src/lib/session.ts';

// The "who am I?" server on the server, outside; the laptop, behind the router's NAT, asks it
// with the course's UDP client. The answer is the router's address and the port its masquerade
// picked: how the internet sees the laptop, which the laptop could not know by itself.
export default defineSession({
  port: 12000,
  lab: 'nat',
  hosts: { server: 'server', client: 'laptop' },
  steps: [
    { in: 'server', start: 'npx tsx examples/whoami-server.ts --host 0.0.0.0' },
    {
      in: 'client',
      run: 'npx tsx examples/udp-client.ts --host 203.0.113.80 oi',
      waitFor: { server: 'a datagram from' },
    },
    { in: 'server', interrupt: true },
  ],
});
