import { defineSession } from '../../src/lib/session.ts';

// Half-close: the client sends its lines and FIN; the server, still open, answers.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/sort-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/line-client.ts pera uva abacate',
      waitFor: { server: 'answering' },
    },
    { in: 'server', interrupt: true },
  ],
});
