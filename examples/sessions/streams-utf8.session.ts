import { defineSession } from '../../src/lib/session.ts';

// "ação" cut inside the "ç": each chunk decoded alone vs one StringDecoder.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/utf8-split.ts' }],
});
