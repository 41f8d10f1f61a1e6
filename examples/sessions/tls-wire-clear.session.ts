import { defineSession } from '../../src/lib/session.ts';

// The TLS lesson, on the wire: tcpdump -A shows what a plain TCP echo carries, letter by letter.
// Only the packets that open a connection (SYN) or carry bytes (PSH) are captured: pure
// acknowledgements come or not depending on timing.
export default defineSession({
  port: 12000,
  steps: [
    {
      in: 'capture',
      start: "sudo tcpdump -i lo -n -t -A 'port 12000 and tcp[tcpflags] & (tcp-syn|tcp-push) != 0'",
    },
    { in: 'server', start: 'npx tsx examples/tcp-server.ts' },
    {
      in: 'client',
      start: 'nc 127.0.0.1 12000',
      type: 'password=swordfish\n',
      waitFor: ['password=swordfish', { server: 'connection' }],
    },
    { in: 'capture', interrupt: true },
    { in: 'server', interrupt: true },
    { in: 'client', interrupt: true },
  ],
});
