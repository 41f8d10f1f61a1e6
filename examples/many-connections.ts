// One port, many connections: a TCP server and several clients in one program,
// printing both ends of every connection as each socket sees them.
//
//   npx tsx examples/many-connections.ts [--host 127.0.0.1] [--port 12000] [--clients 3] [--hold]
//
// With --hold the connections stay open until Ctrl+C, so that you can look at
// them from another terminal (ss -tan, lsof -iTCP, netstat -an).
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port, clients, hold } = commandLine(); // the options, read at the end of this file

// #region server
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
  const sockets = await Promise.all(
    Array.from({ length: clients }, async () => {
      const socket = net.connect(listening, host);
      socket.on('error', (err) => fail(`cannot connect to ${address(host, listening)}`, err));
      await once(socket, 'connect');
      return socket;
    }),
  );
  while (accepted.length < clients) await once(server, 'connection'); // the server's ends too
  report(listening, sockets);
  holdOrClose(sockets);
});
// #endregion clients

// #region report
// The listening socket, then both ends of each connection, as each socket sees them.
function report(listening: number, sockets: net.Socket[]) {
  console.log(`tcp server listening on ${address(host, listening)}`);
  const local = (s: net.Socket) => address(s.localAddress, s.localPort); // getsockname()
  const remote = (s: net.Socket) => address(s.remoteAddress, s.remotePort); // getpeername()
  for (const [i, client] of sockets.entries()) {
    // The server's end of this connection: the accepted socket whose remote port is this client's port.
    const end = accepted.find((s) => s.remotePort === client.localPort)!;
    console.log(`connection ${i + 1}`);
    console.log(`  client  local  ${local(client)}`);
    console.log(`          remote ${remote(client)}`);
    console.log(`  server  local  ${local(end)}`);
    console.log(`          remote ${remote(end)}`);
  }
  const serverPorts = new Set(accepted.map((s) => s.localPort));
  if (serverPorts.size === 1 && serverPorts.has(listening)) {
    console.log(`all ${accepted.length} accepted sockets have local port ${listening}, the listening port`);
  } else {
    console.log(`accepted sockets on ports ${[...serverPorts].join(', ')}, not ${listening}`);
  }
  console.log(`the clients have ${new Set(sockets.map((s) => s.localPort)).size} different ports`);
}
// #endregion report

// #region hold
function holdOrClose(sockets: net.Socket[]) {
  if (hold) {
    console.log(`holding ${clients} connections open; press Ctrl+C to close them`);
  } else {
    for (const socket of [...sockets, ...accepted]) socket.destroy();
    server.close();
  }
}

// Ctrl+C (SIGINT) or SIGTERM: exit 0; the system closes every socket of a process that exits.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion hold

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/many-connections.ts [--host ADDRESS] [--port 0-65535] [--clients 1-100] [--hold]';
  try {
    const { values } = parseArgs({ options: {
      host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' },
      clients: { type: 'string', default: '3' }, hold: { type: 'boolean' }, help: { type: 'boolean' },
    } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const [port, clients] = [Number(values.port), Number(values.clients)];
    if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    if (!/^\d{1,3}$/.test(values.clients) || clients < 1 || clients > 100) throw new Error(`invalid number of clients "${values.clients}": use 1 to 100`);
    return { host: values.host, port, clients, hold: values.hold ?? false };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
    ENOTFOUND: `unknown host "${host}"`,
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}

// (A socket reset before we look at it may no longer know its addresses: '?'.)
function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
