// A TCP client that sends lines, then says it has finished, and prints the answer.
//
//   npx tsx examples/line-client.ts [--host 127.0.0.1] [--port 12000] [--byte-by-byte] [--timeout 3000] LINE...
//
// Each LINE goes out followed by "\n". Then the client calls end(): TCP sends
// FIN, "I will send nothing more", and the client keeps reading until the
// server closes its side too. With --byte-by-byte it writes one byte at a
// time, 10 ms apart, each in a packet of its own: the server gets tiny chunks.
import net from 'node:net';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npx tsx examples/line-client.ts [--host ADDRESS] [--port 1-65535] [--byte-by-byte] [--timeout MS] LINE...';

export interface ClientOptions {
  host: string;
  port: number;
  lines: string[];
  byteByByte: boolean;
  timeoutMs: number;
  onLine?: (line: string) => void; // called with each line the server sends
}

export class ClientError extends Error {}

/** Sends the lines, half-closes, and resolves with everything the server sent before it closed. */
export function exchange({ host, port, lines, byteByByte, timeoutMs, onLine }: ClientOptions): Promise<string> {
  const socket = net.connect(port, host);
  return new Promise((resolve, reject) => {
    let received = '';
    let pending = '';
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(new ClientError(`no answer from ${formatAddress(host, port)} after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', fail);

    // #region send
    socket.on('connect', async () => {
      const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
      if (byteByByte) {
        socket.setNoDelay(true); // no Nagle: each byte leaves at once, alone
        for (const byte of bytes) {
          if (socket.destroyed) return; // the connection failed meanwhile
          socket.write(Buffer.from([byte]));
          await new Promise((wait) => setTimeout(wait, 10));
        }
      } else {
        socket.write(bytes);
      }
      socket.end(); // FIN: we have sent everything; we can still read
    });
    // #endregion send

    // #region receive
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\n')) !== -1) {
        onLine?.(pending.slice(0, end));
        pending = pending.slice(end + 1);
      }
    });
    socket.on('end', () => {
      // The server's FIN: it has sent everything, too.
      clearTimeout(timer);
      if (pending) onLine?.(pending);
      if (received === '') reject(new ClientError('the server closed the connection without answering'));
      else resolve(received);
    });
    // #endregion receive
  });
}

function formatAddress(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function parseNumber(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`invalid ${name} "${text}": use a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function explain(err: NodeJS.ErrnoException, { host, port }: ClientOptions): string {
  const where = formatAddress(host, port);
  switch (err.code) {
    case 'ECONNREFUSED':
      return `nothing is listening on ${where} (ECONNREFUSED)`;
    case 'ECONNRESET':
      return `${where} reset the connection (ECONNRESET)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${where}: unknown host "${host}" (${err.code})`;
    case undefined:
      return err.message;
    default:
      return `cannot talk to ${where}: ${err.message}`;
  }
}

async function main() {
  let options: ClientOptions;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        'byte-by-byte': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '3000' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (positionals.length === 0) throw new Error('missing LINE');
    if (positionals.some((line) => line.includes('\n'))) throw new Error('a LINE cannot contain a newline');
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 1, 65535),
      lines: positionals,
      byteByByte: values['byte-by-byte'],
      timeoutMs: parseNumber('timeout', values.timeout, 1, 600_000),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  try {
    await exchange({ ...options, onLine: (line) => console.log(line) });
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
