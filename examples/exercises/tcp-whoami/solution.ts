// Exercise tcp-whoami: a TCP server that tells each client how it sees the connection.
//
//   npx tsx examples/exercises/tcp-whoami/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-whoami
//
// server.ts is the starter: change the region "reply" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
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

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(`tcp server listening on ${address(host, (server.address() as net.AddressInfo).port)}`);
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/exercises/tcp-whoami/server.ts (or solution.ts) [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return { host: values.host, port: Number(values.port) };
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

function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
