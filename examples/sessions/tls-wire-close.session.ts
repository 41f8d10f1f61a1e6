import { defineSession } from '../../src/lib/session.ts';

// The TLS lesson, on the wire: only what the client sends (dst port), packets with data or a FIN.
// Its last packet with data is the close_notify, and the FIN comes after it.
export default defineSession({
  port: 12443,
  steps: [
    {
      in: 'server',
      run: 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1',
    },
    {
      in: 'capture',
      start:
        "sudo tcpdump -i lo -n -t -A 'dst port 12443 and tcp[tcpflags] & (tcp-push|tcp-fin) != 0'",
    },
    { in: 'server', start: 'npx tsx examples/tls-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/tls-client.ts --ca cert.pem password=swordfish',
      waitFor: [{ server: 'connected' }, { server: 'secure' }, { server: 'closed' }],
    },
    { in: 'capture', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
