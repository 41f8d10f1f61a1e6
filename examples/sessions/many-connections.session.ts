import { defineSession } from '../../src/lib/session.ts';

// One listening port, three connections: both ends of each, as the sockets report them.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'server', run: 'npx tsx examples/many-connections.ts' }],
});
