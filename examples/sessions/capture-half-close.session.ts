import { defineSession } from '../../src/lib/session.ts';

// Seeing the packets: the client's FIN goes first, and data still flows the other way (half-close).
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
    { in: 'server', start: 'npx tsx examples/sort-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/line-client.ts pera uva abacate',
      waitFor: { server: 'answering' },
    },
    { in: 'server', interrupt: true },
    { in: 'capture', interrupt: true },
  ],
});
