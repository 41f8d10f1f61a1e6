import { defineSession } from '../../src/lib/session.ts';

// Seeing the packets: resetAndDestroy() ends a connection with a RST instead of a FIN.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
    { in: 'server', start: 'npx tsx examples/watch-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/leave-client.ts --how reset',
      waitFor: { server: "'close' after an error" },
    },
    { in: 'server', interrupt: true },
    { in: 'capture', interrupt: true },
  ],
});
