import { defineSession } from '../../src/lib/session.ts';

// The same second of work as a loop on the event loop's thread: back to one client at a time.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/slow-server.ts --work busy' },
    { in: 'client', run: 'npx tsx examples/many-clients.ts' },
    { in: 'server', interrupt: true },
  ],
});
