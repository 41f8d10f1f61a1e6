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
import { relative } from 'node:path';
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
// TODO: faça a consulta esperar sem prender a thread, para que dois clientes sejam atendidos juntos.
// TODO: make the lookup wait without holding the thread, so that two clients are served together.
function lookup(port: string): string {
  const end = Date.now() + LOOKUP_MS;
  while (Date.now() < end) {} // waits for the (pretend) services database
  return SERVICES[port] ?? 'unknown';
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
    socket.end(`${asked}: ${lookup(asked)}\n`);
  });
});
// #endregion lookup

server.listen(port, host, () => {
  console.log(`services server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
