// A TCP client that leaves a connection in one of four ways.
//
//   npx tsx examples/leave-client.ts [--host 127.0.0.1] [--port 12000] [--how end|destroy|reset|quit]
//
// It waits for the server's first line (its greeting), then leaves:
//   end      end(): sends FIN, "I will send nothing more", and still reads
//   destroy  destroy(): closes the socket in both directions at once
//   reset    resetAndDestroy(): sends RST, "this connection is void"
//   quit     writes "quit" and lets the server close first
import net from 'node:net';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npx tsx examples/leave-client.ts [--host ADDRESS] [--port 1-65535] [--how end|destroy|reset|quit] [--timeout MS]';
const WAYS = ['end', 'destroy', 'reset', 'quit'] as const;
export type Way = (typeof WAYS)[number];

export interface ClientOptions {
  host: string;
  port: number;
  how: Way;
  timeoutMs: number;
  log?: (line: string) => void;
}

/** Connects, reads the greeting, leaves the way `how` says; resolves once the socket is closed. */
export function leave({ host, port, how, timeoutMs, log = console.log }: ClientOptions): Promise<void> {
  const socket = net.connect(port, host);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no greeting or no close from ${formatAddress(host, port)} after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve();
    });

    let greeted = false;
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) log(`server says: ${line}`);
      if (greeted) return;
      greeted = true;
      // #region leave
      if (how === 'end') {
        socket.end(); // FIN: our direction is closed, theirs is still open
        log('end(): FIN sent; still reading until the server closes too');
      } else if (how === 'destroy') {
        socket.destroy(); // both directions, at once: nothing more is read
        log('destroy(): the socket is closed, in both directions');
      } else if (how === 'reset') {
        socket.resetAndDestroy(); // RST instead of FIN: the peer gets ECONNRESET
        log('resetAndDestroy(): RST sent, the connection is void');
      } else {
        socket.write('quit\n'); // the server will close first
        log('sent "quit"; waiting for the server to close');
      }
      // #endregion leave
    });
    socket.on('end', () => log("'end': the server sent FIN, it will send nothing more"));
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
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        how: { type: 'string', default: 'end' },
        timeout: { type: 'string', default: '3000' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (!(WAYS as readonly string[]).includes(values.how)) {
      throw new Error(`invalid --how "${values.how}": use one of ${WAYS.join(', ')}`);
    }
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 1, 65535),
      how: values.how as Way,
      timeoutMs: parseNumber('timeout', values.timeout, 1, 600_000),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  try {
    await leave(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
