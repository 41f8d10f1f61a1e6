import { defineSession } from '../../src/lib/session.ts';

// A sender killed in the middle of a message: its kernel sends what it had, then a normal FIN.
// The server sees a clean 'end'; only the missing "\n" tells that the last line was cut.
// Then the server carries on with the next client.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/ack-server.ts' },
    {
      in: 'client',
      start: 'nc -n 127.0.0.1 12000',
      type: 'pay 10\n',
      waitFor: ['ok 1', { server: 'answering' }],
    },
    { in: 'client', type: 'pay 2' },
    { in: 'client', interrupt: true, waitFor: { server: "'end' after" } },
    {
      in: 'client',
      run: 'npx tsx examples/ack-client.ts "pay 3"',
      waitFor: { server: 'answering' },
    },
    { in: 'server', interrupt: true },
  ],
});
