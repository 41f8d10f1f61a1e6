import { defineSession } from '../../src/lib/session.ts';

// TCP on a path narrower than its ends: both SYNs say mss 1460 (each end knows only its own
// 1500-byte link). The laptop's 1400 bytes leave in one packet, which the router cannot pass on
// to the 1280-byte link: it drops it and answers ICMP "need to frag (mtu 1280)". The laptop's
// kernel sends the bytes again in two smaller segments, and the server's kernel learns the same
// way when it echoes them. Captured on both ends of the path. The second connection starts
// knowing: its SYN says mss 1240.
export default defineSession({
  port: 12000,
  lab: 'mtu',
  hosts: {
    server: 'server',
    'capture-laptop': 'laptop',
    'capture-server': 'server',
    client: 'laptop',
  },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0' },
    { in: 'capture-laptop', start: 'tcpdump -i eth0 -n -t tcp port 12000 or icmp' },
    { in: 'capture-server', start: 'tcpdump -i eth0 -n -t tcp port 12000 or icmp' },
    {
      in: 'client',
      run: 'npx tsx examples/echo-sizes.ts --tcp --host 203.0.113.80 1400',
      waitFor: { server: 'closed' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/echo-sizes.ts --tcp --host 203.0.113.80 1400',
      waitFor: { server: 'closed' },
    },
    { in: 'capture-laptop', interrupt: true },
    { in: 'capture-server', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
