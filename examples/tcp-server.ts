// TCP echo server: every byte a client sends comes back to it, on the same connection.
// It serves many clients at once and closes a connection silent for --idle ms. Stop it with Ctrl+C.
//
//   npx tsx examples/tcp-server.ts [--host 127.0.0.1] [--port 12000] [--idle 60000]
// #region server
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, idle } = commandLine(); // --host, --port and --idle, read at the end of this file

// An address and a port as people write them: 127.0.0.1:12000, or [::1]:12000 on IPv6.
const where = (ip = '?', port = 0) => (net.isIPv6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`);

// A listening socket (SOCK_STREAM); each client that connects gets a socket of its own: accept().
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  // Client address:port -> server address:port: the four values that tell this connection apart.
  const name = `${where(socket.remoteAddress, socket.remotePort)} -> ${where(socket.localAddress, socket.localPort)}`;
  console.log(`connection ${name}`);
  echo(socket);
  limit(socket, name);
});
// #endregion server

// #region echo
function echo(socket: net.Socket) {
  // write() returns false when the replies pile up (a client that reads slowly): stop reading until they are out.
  socket.on('data', (chunk) => {
    if (!socket.write(chunk)) socket.pause();
  });
  socket.on('drain', () => socket.resume());
  socket.on('end', () => socket.end()); // the client half-closed (FIN): close our side too, after the queued bytes
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
  socket.on('close', () =>
    console.log(`closed ${name}: ${socket.bytesRead} bytes in, ${socket.bytesWritten} bytes out`),
  );
}
// #endregion bounds

// #region listen
// listen() fails with an 'error' event: EADDRINUSE when another socket listens on the port.
// Nothing listens for it here, so it ends the program, in one line.
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`tcp server listening on ${where(host, bound)}`);
});
// #endregion listen

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): exit 0 at once; the system closes every socket of the process.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion stop

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/tcp-server.ts [--host ADDRESS] [--port 0-65535] [--idle MS]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, idle: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', idle = '60000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,6}$/.test(idle)) throw new Error('invalid --idle');
    return { host, port: Number(port), idle: Number(idle) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
