// One port, many connections: a TCP server and its clients in one program, and both ends of each connection.
//
//   npx tsx examples/many-connections.ts [--host 127.0.0.1] [--port 12000] [--clients 3] [--hold]
// #region server
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, clients, hold } = commandLine(); // the options, read at the end of this file

// A server that keeps every socket it accepts: accept() gives one per connection.
const accepted: net.Socket[] = [];
const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`server side: ${err.message}`));
  accepted.push(socket);
});
// #endregion server

// #region clients
// Once the server listens, all the clients connect to its address and port, at the same time.
server.listen(port, host, async () => {
  const listening = (server.address() as net.AddressInfo).port;
  const sockets = Array.from({ length: clients }, () => net.connect(listening, host));
  await Promise.all(sockets.map((socket) => once(socket, 'connect')));
  while (accepted.length < clients) await once(server, 'connection'); // the server's ends too
  // The listening socket, then both ends of each connection, as each socket sees them.
  console.log(`tcp server listening on ${host}:${listening}`);
  const local = (s: net.Socket) => `${s.localAddress}:${s.localPort}`; // getsockname()
  const remote = (s: net.Socket) => `${s.remoteAddress}:${s.remotePort}`; // getpeername()
  for (const [i, client] of sockets.entries()) {
    const end = accepted.find((s) => s.remotePort === client.localPort)!; // the server's end of this connection
    console.log(
      `connection ${i + 1}\n  client  local  ${local(client)}\n          remote ${remote(client)}`,
    );
    console.log(`  server  local  ${local(end)}\n          remote ${remote(end)}`);
  }
  if (accepted.every((s) => s.localPort === listening)) {
    console.log(
      `all ${accepted.length} accepted sockets have local port ${listening}, the listening port`,
    );
  } else {
    console.log(`some accepted sockets have a local port other than ${listening}`);
  }
  console.log(`the clients have ${new Set(sockets.map((s) => s.localPort)).size} different ports`);
  holdOrClose(sockets);
});
// #endregion clients

// #region hold
// With --hold the connections stay open until Ctrl+C (look at them with ss -tan); without it, all close.
function holdOrClose(sockets: net.Socket[]) {
  if (hold) return console.log(`holding ${clients} connections open; press Ctrl+C to close them`);
  for (const socket of [...sockets, ...accepted]) socket.destroy();
  server.close();
}
// Ctrl+C (SIGINT) or SIGTERM: exit 0; the system closes every socket of a process that exits.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion hold

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/many-connections.ts [--host ADDRESS] [--port 0-65535] [--clients 1-100] [--hold]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, clients: text, hold: flag, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', clients = '3', hold = false } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^([1-9]\d?|100)$/.test(clients)) throw new Error('invalid --clients');
    return { host, port: Number(port), clients: Number(clients), hold };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
