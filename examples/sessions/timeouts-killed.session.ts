import { defineSession } from '../../src/lib/session.ts';

// A sender killed in the middle of a message: its kernel sends what it had, then a normal FIN.
// The server sees a clean 'end'; only the missing "\n" tells that the last line was cut.
// Then the server carries on with the next client (which also gives its log line time to come).
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/ack-server.ts' },
    { in: 'client', start: 'nc -n 127.0.0.1 12000', stdin: 'pay 10\npay 2' },
    { in: 'client', interrupt: true },
    { in: 'client', run: 'npx tsx examples/ack-client.ts "pay 3"' },
    { in: 'server', interrupt: true },
  ],
});
