import { defineSession } from '../../src/lib/session.ts';

// How Node calls you: what a listener, await once, for await and a callback print, in order.
export default defineSession({
  port: 12000,
  steps: [{ in: 'node', run: 'npx tsx examples/node-events.ts --port 0' }],
});
