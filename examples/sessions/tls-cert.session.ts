import { defineSession } from '../../src/lib/session.ts';

// The TLS lesson: a self-signed certificate for localhost and its key, made with openssl, and what
// the certificate says: its owner (subject), who signed it (issuer, the same: self-signed), its names.
export default defineSession({
  port: 12443,
  steps: [
    {
      in: 'shell',
      run: 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1',
    },
    { in: 'shell', run: 'openssl x509 -in cert.pem -noout -subject -issuer -ext subjectAltName' },
  ],
});
