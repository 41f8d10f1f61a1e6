import { defineSession } from '../../src/lib/session.ts';

// NAT, seen from both sides of the router: one datagram and its answer, captured on the laptop
// (inside: from 192.168.0.10 and the port its kernel chose) and on the server (outside: from the
// router's 203.0.113.1 and another port, which the router's masquerade picked). The echo server's
// log says what it sees: the router's address and port, never the laptop's.
export default defineSession({
  port: 12000,
  lab: 'nat',
  hosts: {
    server: 'server',
    'capture-laptop': 'laptop',
    'capture-server': 'server',
    client: 'laptop',
  },
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts --host 0.0.0.0' },
    { in: 'capture-laptop', start: 'tcpdump -i eth0 -n -t udp port 12000' },
    { in: 'capture-server', start: 'tcpdump -i eth0 -n -t udp port 12000' },
    {
      in: 'client',
      run: 'npx tsx examples/udp-client.ts --host 203.0.113.80 oi',
      waitFor: { server: '"oi"' },
    },
    { in: 'capture-laptop', interrupt: true },
    { in: 'capture-server', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
