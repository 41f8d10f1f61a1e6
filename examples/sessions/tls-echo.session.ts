import { defineSession } from '../../src/lib/session.ts';

// The TLS lesson: a self-signed certificate made with openssl, the TLS echo server, a client that
// does not trust the certificate (refused), the same client trusting it with --ca (served), and a
// client that speaks plain TCP (its handshake fails; the server goes on).
export default defineSession({
  port: 12443,
  steps: [
    {
      in: 'server',
      run: 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1',
    },
    { in: 'server', start: 'npx tsx examples/tls-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/tls-client.ts hello',
      exit: 1,
      waitFor: { server: 'handshake failed' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/tls-client.ts --ca cert.pem hello',
      waitFor: { server: 'closed' },
    },
    {
      in: 'client',
      start: 'nc 127.0.0.1 12443',
      type: 'hello\n',
      waitFor: { server: 'handshake failed' },
    },
    { in: 'server', interrupt: true },
    { in: 'client', interrupt: true },
  ],
});
