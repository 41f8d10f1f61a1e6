import { defineSession } from '../../src/lib/session.ts';

// Kurose & Ross's blocking server, with a second of work per client, against three clients
// at once: each one waits for the clients before it.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'python3 examples/blocking-server.py 12000' },
    { in: 'client', run: 'npx tsx examples/many-clients.ts' },
    { in: 'server', interrupt: true },
  ],
});
