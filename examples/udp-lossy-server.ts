// A UDP echo server that loses datagrams on purpose, so that you can watch a
// client cope with loss. It is deterministic: it drops the first --drop
// datagrams it receives, then answers every one; with --drop-replies it also
// handles the first requests but throws their replies away.
//
//   npx tsx examples/udp-lossy-server.ts [--host 127.0.0.1] [--port 12000] [--drop 1] [--drop-replies 0]
//
// Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npx tsx examples/udp-lossy-server.ts [--host ADDRESS] [--port 0-65535] [--drop N] [--drop-replies N]';

export interface LossyServerOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  drop: number; // how many of the first datagrams to ignore
  dropReplies: number; // how many of the first replies to throw away
  log?: (line: string) => void;
}

/** Starts the server; resolves once it is bound and receiving. */
export function startLossyServer(options: LossyServerOptions): Promise<dgram.Socket> {
  const { host, port, drop, dropReplies, log = console.log } = options;
  const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  let received = 0; // datagrams so far
  let answered = 0; // requests handled so far

  // #region lose
  socket.on('message', (message, sender) => {
    received += 1;
    const from = formatAddress(sender.address, sender.port);
    const what = `#${received} from ${from}: ${describe(message)}`;
    if (received <= drop) {
      log(`${what}, dropped on purpose`); // as if the network had lost it
      return;
    }
    answered += 1;
    if (answered <= dropReplies) {
      log(`${what}, handled, but the reply is dropped on purpose`);
      return;
    }
    log(`${what}, echoed`);
    socket.send(message, sender.port, sender.address, (err) => {
      if (err) log(`could not reply to ${from}: ${err.message}`);
    });
  });
  // #endregion lose

  return new Promise((resolve, reject) => {
    socket.once('error', reject); // e.g. EADDRINUSE: another socket holds this port
    socket.bind(port, host, () => {
      socket.off('error', reject);
      socket.on('error', (err) => log(`socket error: ${err.message}`));
      resolve(socket);
    });
  });
}

/** A datagram as text if it is UTF-8, otherwise its first bytes in hex. */
function describe(bytes: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  } catch {
    const hex = bytes.subarray(0, 16).toString('hex').replace(/(..)(?!$)/g, '$1 ');
    return `(binary, ${bytes.length} bytes) ${hex}${bytes.length > 16 ? ' …' : ''}`;
  }
}

function formatAddress(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function parseNumber(name: string, text: string, max: number): number {
  if (!/^\d{1,6}$/.test(text) || Number(text) > max) {
    throw new Error(`invalid ${name} "${text}": use a whole number from 0 to ${max}`);
  }
  return Number(text);
}

function explain(err: NodeJS.ErrnoException, { host, port }: LossyServerOptions): string {
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
  let options: LossyServerOptions;
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        drop: { type: 'string', default: '1' },
        'drop-replies': { type: 'string', default: '0' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 65535),
      drop: parseNumber('--drop', values.drop, 100_000),
      dropReplies: parseNumber('--drop-replies', values['drop-replies'], 100_000),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  let socket: dgram.Socket;
  try {
    socket = await startLossyServer(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  // Ctrl+C (SIGINT) or a polite kill (SIGTERM): close the socket, exit 0.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => socket.close(() => process.exit(0)));
  }
  const { address, port } = socket.address();
  console.log(`udp lossy server listening on ${formatAddress(address, port)}`);
  const first = (n: number, one: string, many: string) => (n === 1 ? `the first ${one}` : `the first ${n} ${many}`);
  const plan = [
    options.drop > 0 ? `${first(options.drop, 'datagram', 'datagrams')} it receives` : '',
    options.dropReplies > 0 ? `${first(options.dropReplies, 'reply', 'replies')} it sends` : '',
  ].filter(Boolean);
  console.log(plan.length ? `on purpose, it will drop ${plan.join(', then ')}` : 'it will answer every datagram');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
