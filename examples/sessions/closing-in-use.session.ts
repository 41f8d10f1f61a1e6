import { defineSession } from '../../src/lib/session.ts';

// A second live listener on the same port: EADDRINUSE.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/watch-server.ts' },
    { in: 'client', run: 'npx tsx examples/watch-server.ts', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
