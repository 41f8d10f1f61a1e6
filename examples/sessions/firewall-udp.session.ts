import { defineSession } from '../../src/lib/session.ts';

// UDP through the same firewall: a send works whether the firewall drops (12001) or rejects
// (12002), and the client hears nothing either way. Only a connected socket is told of the ICMP
// that a reject sends back, on its next read: ECONNREFUSED (port unreachable) or EHOSTUNREACH
// (host prohibited, 12004). A server listens on 12002: the firewall answers before it.
export default defineSession({
  port: 12001,
  lab: 'firewall',
  hosts: { server: 'server', capture: 'laptop', client: 'laptop' },
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts --host 0.0.0.0 --port 12002' },
    { in: 'capture', start: 'tcpdump -i eth0 -n -t udp or icmp' },
    {
      in: 'client',
      run: 'npx tsx examples/udp-client.ts --host 198.51.100.80 --port 12001 --timeout 500 oi',
      exit: 1,
    },
    {
      in: 'client',
      run: 'npx tsx examples/udp-client.ts --host 198.51.100.80 --port 12002 --timeout 500 oi',
      exit: 1,
    },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts --host 198.51.100.80 --port 12002 --connect oi',
      exit: 1,
    },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts --host 198.51.100.80 --port 12004 --connect oi',
      exit: 1,
    },
    { in: 'capture', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
