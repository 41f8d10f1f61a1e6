// UDP echo server: every datagram it receives goes back to its sender, byte for byte.
//
//   npx tsx examples/udp-server.ts [--host 127.0.0.1] [--port 12000]
//
// Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/udp-server.ts [--host ADDRESS] [--port 0-65535]';

export interface ServerOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  log?: (line: string) => void;
}

/** Starts the echo server; resolves once it is bound and receiving. */
export function startServer({ host, port, log = console.log }: ServerOptions): Promise<dgram.Socket> {
  // #region socket
  // One datagram socket (SOCK_DGRAM) receives the datagrams of every client.
  const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  // #endregion socket

  // #region echo
  socket.on('message', (message, sender) => {
    const from = formatAddress(sender.address, sender.port);
    log(`${message.length} bytes from ${from}: ${describe(message)}`);
    // Send the same bytes back to the address and port they came from.
    socket.send(message, sender.port, sender.address, (err) => {
      if (err) log(`could not reply to ${from}: ${err.message}`);
    });
  });
  // #endregion echo

  // #region bind
  return new Promise((resolve, reject) => {
    socket.once('error', reject); // e.g. EADDRINUSE: another socket holds this port
    socket.bind(port, host, () => {
      socket.off('error', reject);
      socket.on('error', (err) => log(`socket error: ${err.message}`));
      resolve(socket);
    });
  });
  // #endregion bind
}

/** A datagram as text if it is UTF-8, otherwise its first bytes in hex. */
function describe(bytes: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  } catch {
    const hex = bytes.subarray(0, 16).toString('hex').replace(/(..)(?!$)/g, '$1 ');
    return `(binary) ${hex}${bytes.length > 16 ? ' …' : ''}`;
  }
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

  let socket: dgram.Socket;
  try {
    socket = await startServer(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  // #region stop
  // Ctrl+C (SIGINT) or a polite kill (SIGTERM): close the socket, exit 0.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => socket.close(() => process.exit(0)));
  }
  // #endregion stop
  const { address, port } = socket.address();
  console.log(`udp server listening on ${formatAddress(address, port)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
