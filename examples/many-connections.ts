// One port, many connections: a TCP server and several clients in one program,
// printing both ends of every connection as each socket sees them.
//
//   npx tsx examples/many-connections.ts [--host 127.0.0.1] [--port 12000] [--clients 3] [--hold]
//
// Every socket the server accepts has the listening port as its local port:
// accept() does not move anyone to another port. What tells the connections
// apart is the client's side (its address and port).
// With --hold the connections stay open until Ctrl+C, so that you can look at
// them from another terminal (ss -tan, lsof -iTCP, netstat -an).
import net from 'node:net';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/many-connections.ts [--host ADDRESS] [--port 0-65535] [--clients 1-100] [--hold]';

export interface Options {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  clients: number;
}

export interface Connection {
  client: net.Socket; // the socket connect() gave the client
  accepted: net.Socket; // the socket accept() gave the server for that client
}

export interface Demo {
  server: net.Server;
  connections: Connection[];
  close: () => Promise<void>;
}

/** Starts a server, connects `clients` clients to it, and pairs up both ends of each connection. */
export async function openConnections({ host, port, clients }: Options): Promise<Demo> {
  // #region open
  const server = net.createServer();
  const accepted: net.Socket[] = [];
  server.on('connection', (socket) => {
    socket.on('error', () => {}); // a reset here is not worth a crash
    accepted.push(socket);
  });
  server.listen(port, host);
  await once(server, 'listening');
  server.on('error', (err) => console.error(`server: ${err.message}`));
  const listeningPort = (server.address() as net.AddressInfo).port;

  // All the clients connect to the same address and port, at the same time.
  const sockets = await Promise.all(
    Array.from({ length: clients }, async () => {
      const socket = net.connect(listeningPort, host);
      socket.on('error', () => {});
      await once(socket, 'connect');
      return socket;
    }),
  );
  // #endregion open

  // Both ends of a connection: the server's socket whose remote port is this client's local port.
  while (accepted.length < clients) await once(server, 'connection');
  const connections = sockets.map((client) => ({
    client,
    accepted: accepted.find((s) => s.remotePort === client.localPort)!,
  }));

  const close = async () => {
    for (const socket of [...sockets, ...accepted]) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { server, connections, close };
}

/** What the program prints: the listening socket, then both ends of each connection. */
export function report({ server, connections }: Demo): string[] {
  const { address, port } = server.address() as net.AddressInfo;
  const lines = [`tcp server listening on ${formatAddress(address, port)}`];
  // #region report
  const local = (s: net.Socket) => formatAddress(s.localAddress, s.localPort);
  const remote = (s: net.Socket) => formatAddress(s.remoteAddress, s.remotePort);
  for (const [i, { client, accepted }] of connections.entries()) {
    lines.push(
      `connection ${i + 1}`,
      `  client  local  ${local(client)}`,
      `          remote ${remote(client)}`,
      `  server  local  ${local(accepted)}`,
      `          remote ${remote(accepted)}`,
    );
  }
  const n = connections.length;
  const serverPorts = new Set(connections.map((c) => c.accepted.localPort));
  const clientPorts = new Set(connections.map((c) => c.client.localPort));
  if (serverPorts.size === 1 && serverPorts.has(port)) {
    lines.push(`all ${n} accepted sockets have local port ${port}, the listening port`);
  } else {
    lines.push(`accepted sockets on ports ${[...serverPorts].join(', ')}, not ${port}`);
  }
  lines.push(`the clients have ${clientPorts.size} different ports`);
  // #endregion report
  return lines;
}

// (A socket reset before we look at it may no longer know its addresses.)
function formatAddress(address = '?', port: number | string = '?'): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function parseNumber(name: string, text: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`invalid ${name} "${text}": use a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function explain(err: NodeJS.ErrnoException, { host, port }: Options): string {
  const where = formatAddress(host, port);
  switch (err.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is already in use (EADDRINUSE)`;
    case 'EACCES':
      return `cannot listen on ${where}: ports below 1024 need administrator rights (EACCES)`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: ${host} is not an address of this machine (EADDRNOTAVAIL)`;
    default:
      return `cannot open the connections on ${where}: ${err.message}`;
  }
}

async function main() {
  let options: Options;
  let hold: boolean;
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        clients: { type: 'string', default: '3' },
        hold: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 0, 65535),
      clients: parseNumber('number of clients', values.clients, 1, 100),
    };
    hold = values.hold;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  let demo: Demo;
  try {
    demo = await openConnections(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  // #region hold
  // Ctrl+C (SIGINT) or SIGTERM: close every socket and exit 0.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => demo.close().then(() => process.exit(0)));
  }
  console.log(report(demo).join('\n'));
  if (hold) {
    const n = options.clients;
    console.log(`holding ${n} connections open; press Ctrl+C to close them`);
  } else {
    await demo.close();
  }
  // #endregion hold
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
