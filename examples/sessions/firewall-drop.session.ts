import { defineSession } from '../../src/lib/session.ts';

// A firewall that drops: the server listens on 12001, and the server's firewall throws away
// every packet to that port. Captured on both ends of the link: the SYNs leave the laptop and
// reach the server's interface, and nothing ever comes back. The course's client gives up at its
// own deadline, 1.5 s: after the SYN and the one the kernel repeats 1 s later (the next comes at
// 2 s since Linux 6.5 and its tcp_syn_linear_timeouts, at 3 s before). Then, not captured (how
// many SYNs fit before it gives up depends on the kernel), Python with TCP_SYNCNT 1 for its socket
// gets the kernel's ETIMEDOUT in about 3 s, not in two minutes.
export default defineSession({
  port: 12001,
  lab: 'firewall',
  hosts: {
    server: 'server',
    'capture-laptop': 'laptop',
    'capture-server': 'server',
    client: 'laptop',
  },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0 --port 12001' },
    { in: 'capture-laptop', start: 'tcpdump -i eth0 -n -t tcp port 12001' },
    { in: 'capture-server', start: 'tcpdump -i eth0 -n -t tcp port 12001' },
    {
      in: 'client',
      run: 'npx tsx examples/tcp-client.ts --host 198.51.100.80 --port 12001 --timeout 1500 oi',
      exit: 1,
    },
    { in: 'capture-laptop', interrupt: true },
    { in: 'capture-server', interrupt: true },
    {
      in: 'client',
      run: `python3 -c "import socket; s = socket.socket(); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 1); s.connect(('198.51.100.80', 12001))"`,
      exit: 1,
    },
    { in: 'server', interrupt: true },
  ],
});
