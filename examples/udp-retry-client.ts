// UDP client that does not give up at the first silence: it sends its message,
// waits --timeout ms for the reply, and tries again with a wait twice as long
// each time (200, 400, 800, 1600 ms…), --retries times at most.
//
//   npx tsx examples/udp-retry-client.ts [--host 127.0.0.1] [--port 12000]
//       [--timeout 200] [--retries 3] [--connect] MESSAGE
//
// With --connect the socket is connected to the server first. That sends
// nothing, but lets the OS report a closed port (ECONNREFUSED) at once.
// Exit codes: 0 a reply came, 1 no reply after every attempt (or refused), 2 usage.
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npx tsx examples/udp-retry-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [--retries N] [--connect] MESSAGE';
const MAX_WAIT_MS = 10_000; // the backoff stops doubling here

export interface RetryOptions {
  host: string;
  port: number;
  message: string | Buffer;
  timeoutMs: number; // how long the first attempt waits
  retries: number; // how many times to send again after the first attempt
  connect: boolean;
  onConnected?: (local: AddressInfo) => void;
  onAttempt?: (attempt: number, attempts: number, waitMs: number) => void;
}

export class NoReplyError extends Error {}

/** Resolves with the first reply and the attempt it came on; rejects after the last attempt. */
export function requestWithRetries(options: RetryOptions): Promise<{ reply: Buffer; attempt: number }> {
  const { host, port, message, timeoutMs, retries, connect, onConnected, onAttempt } = options;
  const attempts = retries + 1;
  const to = formatAddress(host, port);
  // One socket, and so one local port, for every attempt: a late reply to
  // attempt 1 is still welcome while attempt 2 waits.
  const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');

  return new Promise((resolve, reject) => {
    let attempt = 0;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (err: Error | null, reply?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve({ reply: reply!, attempt });
    };

    // #region errors
    // On a connected socket, "port unreachable" from the other side arrives
    // here as ECONNREFUSED. An unconnected socket is never told.
    socket.on('error', (err) => finish(err));
    // #endregion errors

    socket.on('message', (reply, sender) => {
      if (sender.port !== port) return; // a datagram from someone else: not our reply
      finish(null, reply);
    });

    // #region retry
    const sendAttempt = () => {
      attempt += 1;
      // 200, 400, 800… ms: twice as long each time, up to MAX_WAIT_MS.
      const waitMs = Math.min(timeoutMs * 2 ** (attempt - 1), MAX_WAIT_MS);
      onAttempt?.(attempt, attempts, waitMs);
      const sent = (err: Error | null) => {
        if (err) finish(err); // e.g. EMSGSIZE: retrying would not help
      };
      if (connect) socket.send(message, sent);
      else socket.send(message, port, host, sent);
      timer = setTimeout(() => {
        if (attempt < attempts) return sendAttempt();
        const why = `no reply from ${to} after ${attempts} attempts`;
        finish(new NoReplyError(why));
      }, waitMs);
    };
    // #endregion retry

    // #region connect
    if (connect) {
      // Sends nothing: it fixes this socket's peer, picks our local
      // address and port, and from now on lets in only that peer's
      // datagrams.
      socket.connect(port, host, () => {
        onConnected?.(socket.address());
        sendAttempt();
      });
    } else {
      sendAttempt();
    }
    // #endregion connect
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

function explain(err: NodeJS.ErrnoException, { host, port }: RetryOptions): string {
  const where = formatAddress(host, port);
  switch (err.code) {
    case 'ECONNREFUSED':
      return `nothing is listening on ${where} (ECONNREFUSED)`;
    case 'EMSGSIZE':
      return `the message is too big for one datagram (EMSGSIZE): at most 65507 bytes on IPv4, 65527 on IPv6`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot send to ${where}: unknown host "${host}" (${err.code})`;
    case undefined:
      return `${err.message} (is a server running there?)`;
    default:
      return `cannot send to ${where}: ${err.message}`;
  }
}

async function main() {
  let options: RetryOptions;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        timeout: { type: 'string', default: '200' },
        retries: { type: 'string', default: '3' },
        connect: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 1, 65535),
      timeoutMs: parseNumber('timeout', values.timeout, 1, MAX_WAIT_MS),
      retries: parseNumber('retries', values.retries, 0, 10),
      connect: values.connect,
      message: positionals.join(' '),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  const size = Buffer.byteLength(options.message);
  const to = formatAddress(options.host, options.port);
  try {
    const { reply, attempt } = await requestWithRetries({
      ...options,
      onConnected: (local) => console.log(`connected to ${to} from ${formatAddress(local.address, local.port)} (nothing sent yet)`),
      onAttempt: (attempt, attempts, waitMs) =>
        console.log(`attempt ${attempt} of ${attempts}: sending ${size} bytes to ${to}, waiting up to ${waitMs} ms`),
    });
    console.log(`received ${reply.length} bytes back on attempt ${attempt}: ${reply.toString('utf8')}`);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
