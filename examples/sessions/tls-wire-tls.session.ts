import { defineSession } from '../../src/lib/session.ts';

// The TLS lesson, on the wire: the same exchange inside TLS. tcpdump -A shows bytes that are
// not text (the normaliser writes them ⟨unreadable⟩: they change on every run).
export default defineSession({
  port: 12443,
  steps: [
    {
      in: 'server',
      run: 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1',
    },
    {
      in: 'capture',
      start: "sudo tcpdump -i lo -n -t -A 'port 12443 and tcp[tcpflags] & (tcp-syn|tcp-push) != 0'",
    },
    { in: 'server', start: 'npx tsx examples/tls-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/tls-client.ts --ca cert.pem password=swordfish',
      waitFor: { server: 'closed' },
    },
    { in: 'capture', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
