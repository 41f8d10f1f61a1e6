import { defineSession } from '../../src/lib/session.ts';

// Node's default, allowHalfOpen: false: the answer written after 'end' fails (EPIPE).
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/sort-server.ts --no-half-open' },
    {
      in: 'client',
      run: 'npx tsx examples/line-client.ts pera uva abacate',
      exit: 1,
      waitFor: { server: 'EPIPE' },
    },
    { in: 'server', interrupt: true },
  ],
});
