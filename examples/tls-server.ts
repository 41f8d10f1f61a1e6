// TLS echo server: the TCP echo, inside TLS. Each client runs the TLS handshake first, with the
// certificate and key in cert.pem and key.pem (the TLS lesson makes them with openssl).
//
//   npx tsx examples/tls-server.ts [--host 127.0.0.1] [--port 12443] [--cert cert.pem] [--key key.pem]
//
// Stop it with Ctrl+C.
// #region load
import { readFileSync } from 'node:fs';
import { isIPv6, type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { parseArgs } from 'node:util';

const { host, port, certFile, keyFile } = commandLine(); // --host, --port, --cert and --key, read at the end of this file

// The certificate is public: a name (localhost) and a public key, signed. The private key is secret:
// only who holds it can prove to be that name. A missing file, or a key that is not the certificate's,
// ends the program here in one line (createSecureContext checks them as createServer would).
let credentials: tls.SecureContextOptions;
try {
  credentials = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  tls.createSecureContext(credentials);
} catch (err) {
  fail(`cannot use ${certFile} and ${keyFile}`, err as NodeJS.ErrnoException);
}
// #endregion load

// #region server
// A TCP server whose connections start with the TLS handshake. This function gets each one once
// it is secure: what it reads and writes is plain text; TLS encrypts it on the wire.
const server = tls.createServer(credentials, (socket) => {
  const peer = address(socket.remoteAddress, socket.remotePort);
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
  console.log(`${address(tcp.remoteAddress, tcp.remotePort)} connected; TLS handshake next`),
);
server.on('tlsClientError', (err: NodeJS.ErrnoException) =>
  console.log(`handshake failed: ${err.code}`),
);
// #endregion handshake

// #region listen
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(`tls server listening on ${address(host, (server.address() as AddressInfo).port)}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion listen

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/tls-server.ts [--host ADDRESS] [--port 0-65535] [--cert FILE] [--key FILE]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12443' },
        cert: { type: 'string', default: 'cert.pem' },
        key: { type: 'string', default: 'key.pem' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
      throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return {
      host: values.host,
      port: Number(values.port),
      certFile: values.cert,
      keyFile: values.key,
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = {
    EADDRINUSE: 'the port is already in use',
    ENOENT: `${err.path} does not exist`,
    EACCES: err.path ? `cannot read ${err.path}` : 'ports below 1024 need administrator rights',
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host = '?', port: number | string = '?') {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
