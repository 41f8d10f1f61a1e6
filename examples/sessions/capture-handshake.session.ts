import { defineSession } from '../../src/lib/session.ts';

// Seeing the packets: a whole TCP connection, from the handshake to the FIN of each side.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
    { in: 'server', start: 'npx tsx examples/watch-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/leave-client.ts --how quit',
      waitFor: { server: "'close'" },
    },
    { in: 'server', interrupt: true },
    { in: 'capture', interrupt: true },
  ],
});
