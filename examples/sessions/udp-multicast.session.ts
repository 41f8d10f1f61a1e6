import { defineSession } from '../../src/lib/session.ts';

// One datagram, many receivers: three sockets join a multicast group on the loopback, and a
// fourth sends one datagram to the group.
export default defineSession({
  port: 12000,
  steps: [{ in: 'multicast', run: 'npx tsx examples/multicast.ts --port 0' }],
});
