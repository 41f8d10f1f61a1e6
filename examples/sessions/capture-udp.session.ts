import { defineSession } from '../../src/lib/session.ts';

// Seeing the packets: UDP needs no handshake; a datagram goes, its echo comes back.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
    { in: 'server', start: 'npx tsx examples/udp-server.ts' },
    { in: 'client', run: 'npx tsx examples/udp-client.ts olá', waitFor: { server: 'bytes from' } },
    { in: 'server', interrupt: true },
    { in: 'capture', interrupt: true },
  ],
});
