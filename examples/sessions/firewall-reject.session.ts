import { defineSession } from '../../src/lib/session.ts';

// A firewall that rejects, three ways: 12002 with a TCP reset, 12003 with ICMP port unreachable
// (iptables' REJECT does that by default), 12004 with ICMP host prohibited. The server listens on
// 12002, and its firewall answers for it: the connection never reaches it.
export default defineSession({
  port: 12002,
  lab: 'firewall',
  hosts: { server: 'server', capture: 'laptop', client: 'laptop' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0 --port 12002' },
    { in: 'capture', start: 'tcpdump -i eth0 -n -t tcp or icmp' },
    {
      in: 'client',
      run: 'npx tsx examples/tcp-client.ts --host 198.51.100.80 --port 12002 oi',
      exit: 1,
    },
    {
      in: 'client',
      run: 'npx tsx examples/tcp-client.ts --host 198.51.100.80 --port 12003 oi',
      exit: 1,
    },
    {
      in: 'client',
      run: 'npx tsx examples/tcp-client.ts --host 198.51.100.80 --port 12004 oi',
      exit: 1,
    },
    { in: 'capture', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
