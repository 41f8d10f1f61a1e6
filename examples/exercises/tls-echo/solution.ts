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

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `echo server listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/exercises/tls-echo/server.ts (or solution.ts) [--host ADDRESS] [--port 0-65535] [--cert FILE] [--key FILE]';
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
    return {
      host: values.host,
      port: number('port', values.port, 0, 65535),
      certFile: values.cert,
      keyFile: values.key,
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
