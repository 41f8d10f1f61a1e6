import { defineSession } from '../../src/lib/session.ts';

// Writes are not reads: three small writes read as one chunk, one big write read as many.
// The demo runs its own reader on a free port (closedPorts gives it one).
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/chunks.ts' }],
});
