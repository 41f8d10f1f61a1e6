import { defineSession } from '../../src/lib/session.ts';

// Seeing the packets: one TCP exchange from the capture's point of view.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
    { in: 'server', start: 'npx tsx examples/tcp-server.ts' },
    { in: 'client', run: 'npx tsx examples/tcp-client.ts hello' },
    { in: 'server', interrupt: true },
    { in: 'capture', interrupt: true },
  ],
});
