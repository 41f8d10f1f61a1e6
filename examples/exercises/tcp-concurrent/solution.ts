// Exercise tcp-concurrent: a server that tells which service a port number usually belongs to,
// after a slow lookup (1 s).
//
//   npx tsx examples/exercises/tcp-concurrent/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-concurrent
//
// A client sends a port number and half-closes (FIN); the server answers "443: https\n" and closes.
// server.ts is the exercise; solution.ts is the same file, solved: only the region "lookup" differs.
// Stop it with Ctrl+C.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
const SERVICES: Record<string, string> = {
  22: 'ssh',
  25: 'smtp',
  53: 'domain',
  80: 'http',
  443: 'https',
};
const LOOKUP_MS = 1000; // how long one lookup takes

// #region lookup
// The lookup as a timer: lookup() returns at once, and `done` gets the answer when the time is up.
function lookup(port: string, done: (service: string) => void) {
  setTimeout(() => done(SERVICES[port] ?? 'unknown'), LOOKUP_MS);
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', () => {}); // a client that vanishes ends only its own connection
  socket.setEncoding('utf8');
  let request = '';
  socket.on('data', (text: string) => {
    request = (request + text).slice(0, 100);
  });
  socket.on('end', () => {
    const asked = request.trim();
    lookup(asked, (service) => socket.end(`${asked}: ${service}\n`)); // meanwhile, the loop serves others
  });
});
// #endregion lookup

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `services server listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/exercises/tcp-concurrent/server.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
      throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return { host: values.host, port: Number(values.port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
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
