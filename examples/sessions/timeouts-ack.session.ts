import { defineSession } from '../../src/lib/session.ts';

// The same message to a server that reads it and acknowledges it: "ok 1".
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/ack-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/ack-client.ts "pay 10"',
      waitFor: { server: 'answering' },
    },
    { in: 'server', interrupt: true },
  ],
});
