// A TCP server that reads its stream as lines: one message per "\n".
//
//   npx tsx examples/line-server.ts [--host 127.0.0.1] [--port 12000]
//
// It answers every complete line with its number: "um" -> "1: um". However the
// bytes are cut into 'data' chunks on the way, it finds the same lines.
// Stop it with Ctrl+C.
import net from 'node:net';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/line-server.ts [--host ADDRESS] [--port 0-65535]';
export const MAX_LINE = 64 * 1024; // characters; a longer line closes the connection

export interface ServerOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  log?: (line: string) => void;
}

/** Starts the line server; resolves once it is listening. */
export function startServer({ host, port, log = console.log }: ServerOptions): Promise<net.Server> {
  const server = net.createServer((socket) => {
    const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    socket.on('error', (err) => log(`${peer} error: ${err.message}`));

    // #region utf8
    // 'data' now gives strings, and a character cut between two chunks waits for its end.
    socket.setEncoding('utf8');
    // #endregion utf8

    // #region lines
    let pending = ''; // what came after the last "\n": the start of a line
    let count = 0;
    socket.on('data', (chunk: string) => {
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, end); // one whole message
        pending = pending.slice(end + 1);
        count += 1;
        log(`${peer} line ${count}: ${JSON.stringify(line)}`);
        socket.write(`${count}: ${line}\n`);
      }
      if (socket.writableLength > MAX_LINE) {
        // A client that sends and never reads: stop reading until our answers have gone out.
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
      if (pending.length > MAX_LINE) {
        log(`${peer} sent a line longer than ${MAX_LINE} characters: closing`);
        socket.end(`error: lines are limited to ${MAX_LINE} characters\n`);
        socket.removeAllListeners('data'); // read and drop the rest
        pending = '';
      }
    });
    // #endregion lines

    socket.on('end', () => {
      if (pending) log(`${peer} closed with ${pending.length} characters after its last newline: no line`);
    });
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

  let server: net.Server;
  try {
    server = await startServer(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  // #region stop
  // Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop listening and exit 0 at once.
  // The system closes the connections of a process that exits.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      process.exit(0);
    });
  }
  // #endregion stop
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`line server listening on ${formatAddress(address, port)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
