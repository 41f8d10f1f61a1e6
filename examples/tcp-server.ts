// TCP echo server: every byte a client sends comes back to it, on the same connection.
// It serves many clients at once and closes a connection silent for --idle ms. Stop it with Ctrl+C.
//
//   npx tsx examples/tcp-server.ts [--host 127.0.0.1] [--port 12000] [--idle 60000]
// #region server
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, idle } = commandLine(); // --host, --port and --idle, read at the end of this file

// A listening socket (SOCK_STREAM); each client that connects gets a socket of its own: accept().
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  // Client address:port -> server address:port: the four values that tell this connection apart.
  const name = `${address(socket.remoteAddress, socket.remotePort)} -> ${address(socket.localAddress, socket.localPort)}`;
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
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `tcp server listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});
// #endregion listen

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): exit 0 at once; the system closes every socket of the process.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion stop

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/tcp-server.ts [--host ADDRESS] [--port 0-65535] [--idle MS]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        idle: { type: 'string', default: '60000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return {
      host: values.host,
      port: number('port', values.port, 0, 65535),
      idle: number('--idle', values.idle, 1, 3_600_000),
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
