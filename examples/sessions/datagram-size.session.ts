import { defineSession } from '../../src/lib/session.ts';

// The largest datagram on IPv4 and on IPv6 loopback, and one byte more.
// The program binds its own receiving sockets (on a free port in the test).
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [
    { in: 'client', run: 'npx tsx examples/datagram-size.ts' },
    { in: 'client', run: 'npx tsx examples/datagram-size.ts 1472 65508' },
  ],
});
