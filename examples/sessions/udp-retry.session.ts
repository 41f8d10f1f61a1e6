import { defineSession } from '../../src/lib/session.ts';

// A server that loses the first two datagrams, and a client that tries again.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-lossy-server.ts --drop 2' },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts ping',
      waitFor: { server: '"ping", echoed' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts pong',
      waitFor: { server: '"pong", echoed' },
    },
    { in: 'server', interrupt: true },
  ],
});
