import { defineSession } from '../../src/lib/session.ts';

// The same three connections held open, seen by the operating system with ss.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/many-connections.ts --hold', waitFor: 'holding' },
    { in: 'ss', run: "ss -tan 'sport = :12000 or dport = :12000'" },
    { in: 'server', interrupt: true },
  ],
});
