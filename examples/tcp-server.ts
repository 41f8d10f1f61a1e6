// TCP echo server: every byte a client sends comes back to it, on the same connection.
//
//   npx tsx examples/tcp-server.ts [--host 127.0.0.1] [--port 12000] [--idle 60000]
//
// It serves many clients at once, logs each connection with its four addresses and ports,
// and closes a connection that stays silent for --idle milliseconds. Stop it with Ctrl+C.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, idle } = commandLine(); // --host, --port and --idle, read at the end of this file

// #region server
// A listening socket (SOCK_STREAM). Each client that connects gets a socket of its own,
// handed to this function: this is accept().
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  // Client address:port -> server address:port: the four values that tell
  // this connection apart from every other one.
  const client = address(socket.remoteAddress, socket.remotePort);
  const name = `${client} -> ${address(socket.localAddress, socket.localPort)}`;
  console.log(`connection ${name}`);
  echo(socket);
  limit(socket, name);
});
// #endregion server

// #region echo
function echo(socket: net.Socket) {
  // write() returns false when the replies pile up (the client reads slower than it
  // writes): stop reading until they are out.
  socket.on('data', (chunk) => {
    if (!socket.write(chunk)) socket.pause();
  });
  socket.on('drain', () => socket.resume());
  // The client half-closed (FIN): close our side too, once the queued bytes are sent.
  socket.on('end', () => socket.end());
}
// #endregion echo

// #region bounds
function limit(socket: net.Socket, name: string) {
  // A client that connects and says nothing must not hold a connection.
  socket.setTimeout(idle, () => {
    console.log(`idle for ${idle} ms, closing ${name}`);
    socket.destroy();
  });
  // A client that vanishes (ECONNRESET…) only ends its own connection.
  socket.on('error', (err) => console.log(`error on ${name}: ${err.message}`));
  socket.on('close', () => console.log(`closed ${name}: ${socket.bytesRead} bytes in, ${socket.bytesWritten} bytes out`));
}
// #endregion bounds

// #region listen
// listen() fails with an 'error' event: EADDRINUSE when another socket listens on the port.
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(`tcp server listening on ${address(host, (server.address() as net.AddressInfo).port)}`);
});
// #endregion listen

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): exit 0 at once. The system closes the listening
// socket and every connection of a process that exits (server.close() would wait for them).
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion stop

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/tcp-server.ts [--host ADDRESS] [--port 0-65535] [--idle MS]';
  try {
    const { values } = parseArgs({ options: {
      host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' },
      idle: { type: 'string', default: '60000' }, help: { type: 'boolean' },
    } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const [port, idle] = [Number(values.port), Number(values.idle)];
    if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    if (!/^\d{1,7}$/.test(values.idle) || idle < 1 || idle > 3_600_000) throw new Error(`invalid --idle "${values.idle}": use 1 to 3600000 (ms)`);
    return { host: values.host, port, idle };
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
