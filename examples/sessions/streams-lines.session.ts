import { defineSession } from '../../src/lib/session.ts';

// Newline framing: the same three lines, sent at once and then one byte at a time.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/line-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/line-client.ts um dois ação',
      waitFor: { server: 'line 3' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/line-client.ts --byte-by-byte um dois ação',
      waitFor: { server: 'line 3' },
    },
    { in: 'server', interrupt: true },
  ],
});
