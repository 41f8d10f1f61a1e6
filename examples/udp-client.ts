// UDP client: sends one datagram to a server and prints the reply.
//
//   npx tsx examples/udp-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 2000] MESSAGE
//
// UDP tells nobody when a datagram is lost, so the client waits for the reply
// only --timeout milliseconds, then gives up with exit code 1.
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/udp-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] MESSAGE';

export interface ClientOptions {
  host: string;
  port: number;
  message: string | Buffer;
  timeoutMs: number;
  onSent?: (local: AddressInfo) => void; // told which address and port the OS gave us
}

export class NoReplyError extends Error {}

/** Sends `message` in one datagram and resolves with the first reply from the server. */
export function request({ host, port, message, timeoutMs, onSent }: ClientOptions): Promise<Buffer> {
  // #region socket
  // No bind(): the operating system gives the socket a free (ephemeral) port
  // the first time it sends.
  const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  // #endregion socket

  return new Promise((resolve, reject) => {
    const finish = (err: Error | null, reply?: Buffer) => {
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(reply!);
    };

    // #region timeout
    const timer = setTimeout(() => {
      finish(new NoReplyError(`no reply from ${formatAddress(host, port)} after ${timeoutMs} ms`));
    }, timeoutMs);
    // #endregion timeout
    socket.on('error', (err) => finish(err));

    // #region receive
    socket.on('message', (reply, sender) => {
      if (sender.port !== port) return; // a datagram from someone else: not our reply
      finish(null, reply);
    });
    // #endregion receive

    // #region send
    socket.send(message, port, host, (err) => {
      if (err) return finish(err);
      onSent?.(socket.address());
    });
    // #endregion send
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
  let options: ClientOptions;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        timeout: { type: 'string', default: '2000' },
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
      timeoutMs: parseNumber('timeout', values.timeout, 1, 600_000),
      message: positionals.join(' '),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  const size = Buffer.byteLength(options.message);
  try {
    const reply = await request({
      ...options,
      onSent: (local) => {
        const to = formatAddress(options.host, options.port);
        console.log(`sent ${size} bytes from ${formatAddress(local.address, local.port)} to ${to}`);
      },
    });
    console.log(`received ${reply.length} bytes back: ${reply.toString('utf8')}`);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
