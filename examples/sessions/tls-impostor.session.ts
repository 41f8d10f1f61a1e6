import { defineSession } from '../../src/lib/session.ts';

// The TLS lesson: what --ca trusts. Two servers, both "localhost", each with a certificate of its
// own; the client trusts cert.pem, so it talks to the first and refuses the second, the impostor.
export default defineSession({
  port: 12443,
  steps: [
    {
      in: 'server',
      run: 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1',
    },
    { in: 'server', start: 'npx tsx examples/tls-server.ts' },
    {
      in: 'impostor',
      run: 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other-key.pem -out other.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1',
    },
    {
      in: 'impostor',
      start: 'npx tsx examples/tls-server.ts --port 12444 --cert other.pem --key other-key.pem',
    },
    {
      in: 'client',
      run: 'npx tsx examples/tls-client.ts --ca cert.pem hello',
      waitFor: { server: 'closed' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/tls-client.ts --ca cert.pem --port 12444 hello',
      exit: 1,
      waitFor: { impostor: 'handshake failed' },
    },
    { in: 'impostor', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
