// A TCP server that tells how each connection ends.
//
//   npx tsx examples/watch-server.ts [--host 127.0.0.1] [--port 12000]
//
// It greets every client with "welcome", logs the events of each connection
// ('end', 'error', 'close'), and answers a line "quit" with "bye" before it
// closes the connection itself, first.
// Stop it with Ctrl+C.
import net from 'node:net';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/watch-server.ts [--host ADDRESS] [--port 0-65535]';

export interface ServerOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  log?: (line: string) => void;
}

/** Starts the server; resolves once it is listening. */
export function startServer({ host, port, log = console.log }: ServerOptions): Promise<net.Server> {
  const server = net.createServer((socket) => {
    const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    log(`${peer} connected`);
    socket.write('welcome\n');

    // #region events
    socket.on('end', () => log(`${peer} 'end': the client sent FIN, it will send nothing more`));
    socket.on('error', (err: NodeJS.ErrnoException) => log(`${peer} 'error': ${err.code}`));
    socket.on('close', (hadError) => log(`${peer} 'close'${hadError ? ' after an error' : ''}`));
    // #endregion events

    // #region quit
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text = (text + chunk).slice(-100); // only the end matters: keep it small
      if (text.endsWith('quit\n')) {
        log(`${peer} said "quit": answering "bye" and closing first, with end()`);
        socket.end('bye\n');
      }
    });
    // #endregion quit
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject); // e.g. EADDRINUSE: another socket holds this port
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (err) => log(`server error: ${err.message}`));
      resolve(server);
    });
  });
}

function formatAddress(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new Error(`invalid port "${text}": use a whole number from 0 to 65535`);
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
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = { host: values.host, port: parsePort(values.port) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  // #region listen
  let server: net.Server;
  try {
    server = await startServer(options);
  } catch (err) {
    // A second server on a port that a live one listens on: EADDRINUSE.
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  // #endregion listen
  // Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop listening and exit 0 at once.
  // The system closes the connections of a process that exits.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      process.exit(0);
    });
  }
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`watch server listening on ${formatAddress(address, port)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
