import { defineSession } from '../../src/lib/session.ts';

// Seeing the packets: a connect to a port where nothing listens is a SYN answered by a RST.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
    { in: 'client', run: 'npx tsx examples/tcp-client.ts hello', exit: 1 },
    { in: 'capture', interrupt: true },
  ],
});
