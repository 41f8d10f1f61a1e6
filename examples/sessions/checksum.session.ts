import { defineSession } from '../../src/lib/session.ts';

// The UDP checksum lets some corruption through: swap two 16-bit pieces and the sum is the same.
// The program only computes (it sends nothing); the port is part of the sum, so the command names
// it and the transcript never depends on a port the test picks.
export default defineSession({
  port: 12000,
  steps: [{ in: 'client', run: 'npx tsx examples/checksum.ts --port 12000' }],
});
