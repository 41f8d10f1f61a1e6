import { defineSession } from '../../src/lib/session.ts';

// server.close() refuses new connections at once, but waits for the open ones.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/server-close.ts' }],
});
