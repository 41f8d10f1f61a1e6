import { defineSession } from '../../src/lib/session.ts';

// A write that "worked" and a server that never read it: the client's write callback fires,
// no answer comes, and ss shows where the bytes are (the server's receive queue).
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/ack-server.ts --deaf' },
    {
      in: 'client',
      run: 'npx tsx examples/ack-client.ts --timeout 1000 "pay 10"',
      exit: 1,
      waitFor: { server: 'never be read' },
    },
    {
      in: 'client',
      start: 'nc -n 127.0.0.1 12000',
      type: 'pay 10\n',
      waitFor: { server: 'never be read' },
    },
    { in: 'ss', run: 'ss -tn state established sport = :12000 or dport = :12000' },
    { in: 'client', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
