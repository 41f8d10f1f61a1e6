// TLS echo server: the TCP echo, inside TLS. Each client runs the TLS handshake first, with the
// certificate and key in cert.pem and key.pem (the TLS lesson makes them with openssl).
//
//   npx tsx examples/tls-server.ts [--host 127.0.0.1] [--port 12443] [--cert cert.pem] [--key key.pem]
//
// Stop it with Ctrl+C.
// #region load
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { parseArgs } from 'node:util';

const { host, port, certFile, keyFile } = commandLine(); // --host, --port, --cert and --key, read at the end of this file

// The certificate is public: a name (localhost) and a public key, signed. The private key is secret:
// only who holds it can prove to be that name. A missing file, or a key that is not the certificate's,
// ends the program here in one line (createSecureContext checks them as createServer would).
const credentials = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
tls.createSecureContext(credentials);
// #endregion load

// #region server
// A TCP server whose connections start with the TLS handshake. This function gets each one once
// it is secure: what it reads and writes is plain text; TLS encrypts it on the wire.
const server = tls.createServer(credentials, (socket) => {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${peer} secure: ${socket.getProtocol()}, ${socket.getCipher().name}`);
  socket.on('data', (chunk) => {
    if (!socket.write(chunk)) socket.pause(); // the echo; a client that reads slowly slows us down
  });
  socket.on('drain', () => socket.resume());
  socket.on('error', (err: NodeJS.ErrnoException) =>
    console.log(`${peer} error: ${err.code ?? err.message}`),
  );
  socket.on('close', () => console.log(`${peer} closed`));
});
// #endregion server

// #region handshake
// Each connection is TCP first ('connection'), then the TLS handshake. A client that fails the
// handshake never reaches the function above: it speaks plain TCP, it hangs up halfway, it does
// not trust our certificate. 'tlsClientError' says so, and the server goes on serving.
server.on('connection', (tcp) =>
  console.log(`${tcp.remoteAddress}:${tcp.remotePort} connected; TLS handshake next`),
);
server.on('tlsClientError', (err: NodeJS.ErrnoException) =>
  console.log(`handshake failed: ${err.code}`),
);
// #endregion handshake

// #region listen
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`tls server listening on ${host}:${bound}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion listen

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/tls-server.ts [--host ADDRESS] [--port 0-65535] [--cert FILE] [--key FILE]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, cert: text, key: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12443', cert = 'cert.pem', key = 'key.pem' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port), certFile: cert, keyFile: key };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
