import { defineSession } from '../../src/lib/session.ts';

// The request arrives, the reply is lost: the retry makes the server
// handle the same request twice.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-lossy-server.ts --drop 0 --drop-replies 1' },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts "deposit 10"',
      waitFor: { server: 'echoed' },
    },
    { in: 'server', interrupt: true },
  ],
});
