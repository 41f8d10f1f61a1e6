import { defineSession } from '../../src/lib/session.ts';

// The TLS lesson: another TLS client, openssl s_client, tells what the handshake agreed on.
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
      run: 'openssl s_client -connect 127.0.0.1:12443 -servername localhost -verify_hostname localhost -CAfile cert.pem -brief',
      waitFor: { server: 'closed' },
    },
    { in: 'server', interrupt: true },
  ],
});
