import { defineSession } from '../../src/lib/session.ts';

// The TCP lesson: the echo server, two clients, Ctrl+C.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/tcp-client.ts "olá, mundo"',
      waitFor: { server: 'closed' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/tcp-client.ts "This is the message. It will be repeated."',
      waitFor: { server: 'closed' },
    },
    { in: 'server', interrupt: true },
  ],
});
