// Exercise tls-echo: the TCP echo server, turned into a TLS echo server.
//
//   npx tsx examples/exercises/tls-echo/server.ts [--host 127.0.0.1] [--port 12443] [--cert cert.pem] [--key key.pem]
//   npm run check -- tls-echo
//
// server.ts is the starter: change the region "tls" until the check passes (it makes a certificate
// and its key for the server in a temporary folder, and gives their names with --cert and --key).
// solution.ts is the same program with one solution in that region.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, certFile, keyFile } = commandLine(); // --host, --port, --cert and --key, read at the end of this file

// #region tls
// tls.createServer in place of net.createServer: a TCP server whose connections start with the TLS
// handshake, made with the certificate and its key. The function gets each connection once it is
// secure, and echoes as before: TLS encrypts on the way out and decrypts on the way in.
const server = tls.createServer(
  { cert: readFileSync(certFile), key: readFileSync(keyFile) },
  (socket) => {
    socket.on('data', (chunk) => {
      if (!socket.write(chunk)) socket.pause(); // the echo, with back-pressure
    });
    socket.on('drain', () => socket.resume());
    socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  },
);
// A client that fails the handshake (plain TCP, a reset halfway) never reaches that function.
server.on('tlsClientError', (err: NodeJS.ErrnoException) =>
  console.log(`handshake failed: ${err.code}`),
);
// #endregion tls

server.listen(port, host, () => {
  console.log(`echo server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535] [--cert FILE] [--key FILE]`;
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
