// Exercise tcp-upper: a TCP server that answers in capital letters, a whole stream of them.
//
//   npx tsx examples/exercises/tcp-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-upper
//
// server.ts is the starter: change the region "upper" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const server = net.createServer((socket) => {
  console.log(
    `connection ${socket.remoteAddress}:${socket.remotePort} -> ${socket.localAddress}:${socket.localPort}`,
  );
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  // #region upper
  // Decode UTF-8 across chunks: a character cut in two is held back until its
  // other half arrives; 'data' now brings strings.
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    // Answer each piece as it comes; if the client reads slower than it
    // writes, stop reading until our replies have gone out.
    if (!socket.write(text.toUpperCase())) socket.pause();
  });
  socket.on('drain', () => socket.resume());
  // When the client half-closes (end(), FIN), Node ends our side too, after
  // the replies still queued: the default allowHalfOpen: false does it.
  // #endregion upper
});

server.listen(port, host, () => {
  console.log(`tcp server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
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
