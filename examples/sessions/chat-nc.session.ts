import { defineSession } from '../../src/lib/session.ts';

// The chat lesson: the course's solution with three nc clients. Each client's first line is its
// name (bia tries "ana" first, which is taken); ana speaks before anyone else has joined, so her
// line reaches no one. Ctrl+C in a client's terminal ends its connection: the others are told.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/exercises/chat/solution.ts' },
    { in: 'client-ana', start: 'nc 127.0.0.1 12000', stdin: 'ana\nalguém aí?\n' },
    { in: 'client-bia', start: 'nc 127.0.0.1 12000', stdin: 'ana\nbia\noi, ana!\n' },
    { in: 'client-caio', start: 'nc 127.0.0.1 12000', stdin: 'caio\noi, gente\n' },
    { in: 'client-bia', interrupt: true },
    { in: 'client-ana', interrupt: true },
    { in: 'client-caio', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
