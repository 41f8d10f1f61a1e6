import { defineSession } from '../../src/lib/session.ts';

// The same second of work as a timer, in Node: the three clients are answered together.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/slow-server.ts' },
    { in: 'client', run: 'npx tsx examples/many-clients.ts' },
    { in: 'server', interrupt: true },
  ],
});
