// A TCP server that answers only once the client has finished: it sorts lines.
//
//   npx tsx examples/sort-server.ts [--host 127.0.0.1] [--port 12000] [--no-half-open]
//
// Like the Unix `sort`, it cannot write its first line before it has read the
// last one. So it reads until the client half-closes (end(): FIN), then answers
// with the lines in order and closes its side. That needs allowHalfOpen: true.
// --no-half-open keeps Node's default (allowHalfOpen: false), to see the answer fail.
// Stop it with Ctrl+C.
import net from 'node:net';
import { once } from 'node:events';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/sort-server.ts [--host ADDRESS] [--port 0-65535] [--no-half-open]';
export const MAX_INPUT = 1024 * 1024; // bytes per connection; more is refused

export interface ServerOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  halfOpen?: boolean; // default true
  log?: (line: string) => void;
}

/** Starts the sort server; resolves once it is listening. */
export function startServer({ host, port, halfOpen = true, log = console.log }: ServerOptions): Promise<net.Server> {
  // #region half-open
  // allowHalfOpen: true = when the client's FIN arrives, our side stays open until WE call end().
  const server = net.createServer({ allowHalfOpen: halfOpen }, (socket) => sortLines(socket, log));
  // #endregion half-open

  return new Promise((resolve, reject) => {
    server.once('error', reject); // e.g. EADDRINUSE: another socket holds this port
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (err) => log(`server error: ${err.message}`));
      resolve(server);
    });
  });
}

/** One connection: read everything until the client's FIN, then answer with the lines sorted. */
async function sortLines(socket: net.Socket, log: (line: string) => void) {
  const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
  socket.on('error', (err: NodeJS.ErrnoException) => log(`${peer} error: ${err.message} (${err.code})`));

  const chunks: Buffer[] = [];
  let size = 0;
  socket.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_INPUT) chunks.push(chunk); // beyond the limit, read and drop
  });

  // #region answer
  try {
    await once(socket, 'end'); // the client's FIN: its input is complete
  } catch {
    return; // the connection failed first; the 'error' listener said why
  }
  if (size > MAX_INPUT) {
    log(`${peer} sent ${size} bytes: over the limit of ${MAX_INPUT}`);
    socket.end(`error: at most ${MAX_INPUT} bytes, please\n`);
    return;
  }
  const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((line) => line !== '');
  log(`${peer} sent ${lines.length} lines, then FIN; answering`);
  socket.write(lines.sort().map((line) => `${line}\n`).join(''));
  socket.end(); // our FIN: the answer is complete
  // #endregion answer
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
        'no-half-open': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = { host: values.host, port: parsePort(values.port), halfOpen: !values['no-half-open'] };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  let server: net.Server;
  try {
    server = await startServer(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  // Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop listening and exit 0 at once.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      process.exit(0);
    });
  }
  const { address, port } = server.address() as net.AddressInfo;
  const mode = options.halfOpen ? 'allowHalfOpen: true' : 'allowHalfOpen: false';
  console.log(`sort server (${mode}) listening on ${formatAddress(address, port)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
