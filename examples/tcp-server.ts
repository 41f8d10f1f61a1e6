// TCP echo server: every byte a client sends comes back to it, on the same connection.
//
//   npx tsx examples/tcp-server.ts [--host 127.0.0.1] [--port 12000] [--idle 60000]
//
// It serves many clients at once, logs each connection with its four addresses
// and ports, and closes a connection that stays silent for --idle milliseconds.
// Stop it with Ctrl+C.
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/tcp-server.ts [--host ADDRESS] [--port 0-65535] [--idle MS]';

export interface ServerOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  idleMs?: number; // close a connection after this long without traffic
  log?: (line: string) => void;
}

/** Starts the echo server; resolves once it is listening. */
export function startServer({ host, port, idleMs = 60_000, log = console.log }: ServerOptions): Promise<net.Server> {
  // #region server
  // A listening socket (SOCK_STREAM). Each client that connects gets a
  // socket of its own, handed to this function: this is accept().
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    // Client address:port -> server address:port, the four values that
    // tell this connection apart from every other one.
    const client = formatAddress(socket.remoteAddress, socket.remotePort);
    const local = formatAddress(socket.localAddress, socket.localPort);
    const name = `${client} -> ${local}`;
    log(`connection ${name}`);
    echo(socket);
    limit(socket, name, idleMs, log);
  });
  // #endregion server

  // #region listen
  return new Promise((resolve, reject) => {
    server.once('error', reject); // e.g. EADDRINUSE: the port is taken
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (err) => log(`server error: ${err.message}`));
      resolve(server);
    });
  });
  // #endregion listen
}

// #region echo
function echo(socket: net.Socket) {
  socket.on('data', (chunk) => {
    // write() returns false when the bytes for this client pile up
    // (it reads slower than it writes): stop reading until they are out.
    if (!socket.write(chunk)) socket.pause();
  });
  socket.on('drain', () => socket.resume());
  // The client has sent everything and half-closed its side (FIN):
  // close ours too, once whatever is still queued has been sent.
  socket.on('end', () => socket.end());
}
// #endregion echo

// #region bounds
type Log = (line: string) => void;

function limit(socket: net.Socket, name: string, idleMs: number, log: Log) {
  // A client that connects and says nothing must not hold a connection.
  socket.setTimeout(idleMs, () => {
    log(`idle for ${idleMs} ms, closing ${name}`);
    socket.destroy();
  });
  // A client that vanishes (ECONNRESET…) only ends its own connection.
  socket.on('error', (err) => log(`error on ${name}: ${err.message}`));
  socket.on('close', () => {
    const { bytesRead, bytesWritten } = socket;
    log(`closed ${name}: ${bytesRead} bytes in, ${bytesWritten} bytes out`);
  });
}
// #endregion bounds

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

function explain(err: NodeJS.ErrnoException, { host, port }: ServerOptions): string {
  const where = formatAddress(host, port);
  switch (err.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is already in use (EADDRINUSE)`;
    case 'EACCES':
      return `cannot listen on ${where}: ports below 1024 need administrator rights (EACCES)`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: ${host} is not an address of this machine (EADDRNOTAVAIL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${where}: unknown host "${host}" (${err.code})`;
    default:
      return `cannot listen on ${where}: ${err.message}`;
  }
}

async function main() {
  let options: ServerOptions;
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        idle: { type: 'string', default: '60000' },
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
      idleMs: parseNumber('idle time', values.idle, 1, 3_600_000),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  const open = new Set<net.Socket>();
  let server: net.Server;
  try {
    server = await startServer(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  // #region stop
  // Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop accepting, close
  // the open connections (server.close() alone would wait for them), exit 0.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      for (const socket of open) socket.destroy();
    });
  }
  // #endregion stop
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`tcp server listening on ${formatAddress(address, port)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
