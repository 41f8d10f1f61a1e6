import { defineSession } from '../../src/lib/session.ts';

// Length-prefixed messages found again, whether they come in one write or one byte per write.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/length-framing.ts' }],
});
