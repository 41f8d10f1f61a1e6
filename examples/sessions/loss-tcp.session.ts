import { defineSession } from '../../src/lib/session.ts';

// TCP over the lossy port: the server's firewall drops the first segment with data of each
// connection to 12001. Nothing follows it, so only a timer tells the laptop's kernel that it was
// lost: it sends the same segment again, and this time it passes. The program sees nothing of it:
// its 100 bytes come back, a little later.
export default defineSession({
  port: 12001,
  lab: 'loss',
  hosts: { server: 'server', capture: 'laptop', client: 'laptop' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0 --port 12001' },
    { in: 'capture', start: 'tcpdump -i eth0 -n -t tcp port 12001' },
    {
      in: 'client',
      run: 'npx tsx examples/echo-sizes.ts --tcp --host 192.168.0.80 --port 12001 100',
      waitFor: { server: 'closed' },
    },
    { in: 'capture', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
