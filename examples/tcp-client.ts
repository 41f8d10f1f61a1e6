// TCP client: connects to a server, sends a message (or its standard input),
// half-closes, prints everything that comes back, and ends when the server closes.
//
//   npx tsx examples/tcp-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 5000] [MESSAGE]
//
// Without MESSAGE it sends what you type (or pipe in) until end of input (Ctrl+D).
// It never waits forever: --timeout milliseconds of silence while connecting, or
// after it has sent everything, and it gives up with exit code 1.
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/tcp-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [MESSAGE]';

export interface ClientOptions {
  host: string;
  port: number;
  /** What to send; without it, standard input is sent until it ends. */
  message?: string;
  timeoutMs: number;
  output?: NodeJS.WritableStream;
}

export class TimeoutError extends Error {}

export interface Summary {
  sent: number;
  received: number;
}

/** Talks to the server once; resolves when the server has closed the connection. */
export function talk({ host, port, message, timeoutMs, output = process.stdout }: ClientOptions): Promise<Summary> {
  return new Promise((resolve, reject) => {
    // #region connect
    // socket() + connect(): the system picks our port and runs the
    // three-way handshake (SYN, SYN-ACK, ACK); then 'connect' fires.
    const socket = net.connect({ host, port });
    const server = formatAddress(host, port);
    socket.on('connect', () => {
      const local = formatAddress(socket.localAddress, socket.localPort);
      output.write(`connected from ${local} to ${server}\n`);
      send(socket, message);
    });
    // #endregion connect

    // #region receive
    // The reply comes in chunks of any size: print each one as it arrives.
    let endsWithNewline = true;
    socket.on('data', (chunk) => {
      output.write(chunk);
      endsWithNewline = chunk[chunk.length - 1] === 0x0a;
    });
    // 'close' comes once both sides have closed: the server is done.
    socket.on('close', (hadError) => {
      if (message === undefined) process.stdin.destroy(); // stop reading it
      if (hadError) return; // 'error' has already said why
      if (!endsWithNewline) output.write('\n');
      resolve({ sent: socket.bytesWritten, received: socket.bytesRead });
    });
    // #endregion receive

    // #region timeout
    // Silence is only allowed while we are still sending at our own pace.
    socket.setTimeout(timeoutMs); // connecting
    socket.on('connect', () => socket.setTimeout(0)); // sending
    socket.on('finish', () => socket.setTimeout(timeoutMs)); // all sent
    socket.on('timeout', () => {
      const text = `no answer from ${server} in ${timeoutMs} ms: giving up`;
      socket.destroy(new TimeoutError(text));
    });
    // #endregion timeout
    socket.on('error', reject);
  });
}

// #region send
function send(socket: net.Socket, message: string | undefined) {
  if (message !== undefined) {
    socket.write(message);
    socket.end(); // half-close (FIN): "nothing more from me"; we still read
  } else {
    process.stdin.pipe(socket); // pipe() calls end() when the input ends
  }
}
// #endregion send

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

// #region errors
function explain(err: NodeJS.ErrnoException, { host, port }: ClientOptions) {
  const where = formatAddress(host, port);
  switch (err.code) {
    case 'ECONNREFUSED': // the SYN got a RST back: nothing listens there
      return `nothing is listening on ${where} (ECONNREFUSED)`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the server at ${where} broke off the connection (${err.code})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${where}: unknown host "${host}" (${err.code})`;
    default:
      if (err instanceof TimeoutError) return err.message;
      return `cannot talk to ${where}: ${err.message}`;
  }
}
// #endregion errors

async function main() {
  let options: ClientOptions;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        timeout: { type: 'string', default: '5000' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 1, 65535),
      timeoutMs: parseNumber('timeout', values.timeout, 1, 600_000),
      message: positionals.length > 0 ? positionals.join(' ') : undefined,
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  try {
    const { sent, received } = await talk(options);
    console.log(`sent ${sent} bytes, received ${received} bytes; the server closed the connection`);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
