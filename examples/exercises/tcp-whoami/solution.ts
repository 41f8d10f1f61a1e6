// Exercise tcp-whoami: a TCP server that tells each client how it sees the connection.
//
//   npx tsx examples/exercises/tcp-whoami/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-whoami
//
// server.ts is the starter: change the region "reply" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// To every client that connects it writes one line, "you are A:P, I am B:Q", and keeps
// the connection open until the client closes it.
const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  // #region reply
  // Remote: the client's side. Local: ours, which is always the listening
  // port; accept() does not move the connection to another port.
  const you = `${socket.remoteAddress}:${socket.remotePort}`;
  const me = `${socket.localAddress}:${socket.localPort}`;
  const line = `you are ${you}, I am ${me}`;
  // #endregion reply
  console.log(line);
  socket.write(`${line}\n`);
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
