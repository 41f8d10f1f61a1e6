// Exercise tcp-upper: a TCP server that answers in capital letters, a whole stream of them.
//
//   npx tsx examples/exercises/tcp-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-upper
//
// server.ts is the starter: change the region "upper" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const server = net.createServer((socket) => {
  console.log(`connection ${address(socket.remoteAddress, socket.remotePort)} -> ${address(socket.localAddress, socket.localPort)}`);
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

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(`tcp server listening on ${address(host, (server.address() as net.AddressInfo).port)}`);
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/exercises/tcp-upper/server.ts (or solution.ts) [--host ADDRESS] [--port 0-65535]';
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
