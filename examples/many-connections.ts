// One port, many connections: a TCP server and its clients in one program, and both ends of each connection.
//
//   npx tsx examples/many-connections.ts [--host 127.0.0.1] [--port 12000] [--clients 3] [--hold]
// #region server
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port, clients, hold } = commandLine(); // the options, read at the end of this file

// A server that keeps every socket it accepts: accept() gives one per connection.
const accepted: net.Socket[] = [];
const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`server side: ${err.message}`));
  accepted.push(socket);
});
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
// #endregion server

// #region clients
// Once the server listens, all the clients connect to its address and port, at the same time.
server.listen(port, host, async () => {
  const listening = (server.address() as net.AddressInfo).port;
  const sockets = Array.from({ length: clients }, () => net.connect(listening, host));
  for (const socket of sockets)
    socket.on('error', (err) => fail(`cannot connect to ${address(host, listening)}`, err));
  await Promise.all(sockets.map((socket) => once(socket, 'connect')));
  while (accepted.length < clients) await once(server, 'connection'); // the server's ends too
  // The listening socket, then both ends of each connection, as each socket sees them.
  console.log(`tcp server listening on ${address(host, listening)}`);
  const local = (s: net.Socket) => address(s.localAddress, s.localPort); // getsockname()
  const remote = (s: net.Socket) => address(s.remoteAddress, s.remotePort); // getpeername()
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
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/many-connections.ts [--host ADDRESS] [--port 0-65535] [--clients 1-100] [--hold]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        clients: { type: 'string', default: '3' },
        hold: { type: 'boolean', default: false },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return {
      host: values.host,
      port: number('port', values.port, 0, 65535),
      clients: number('number of clients', values.clients, 1, 100),
      hold: values.hold,
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

function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
