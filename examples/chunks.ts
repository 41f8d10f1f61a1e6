// Writes are not messages: what the reader of a TCP stream really gets.
//
//   npx tsx examples/chunks.ts [--host 127.0.0.1] [--port 0]
//
// One program plays both ends of a loopback connection, so that it decides when
// each end acts: the sender writes, the reader waits a moment (as a busy server
// would) and then reads. It prints what the reader's 'data' events carried.
// --port is the port of its own reader (default 0: any free port).
import net from 'node:net';
import { isIPv6, type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/chunks.ts [--host ADDRESS] [--port 0-65535]';

export interface DemoOptions {
  host: string;
  port: number;
  log?: (line: string) => void;
}

/** Sends each buffer with a write() of its own; resolves with what each 'data' event of the reader carried. */
export function transfer(writes: Buffer[], { host, port }: DemoOptions): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    // #region reader
    // The reader: a server whose sockets start paused. It waits 100 ms, then reads.
    const server = net.createServer({ pauseOnConnect: true }, (reader) => {
      const chunks: Buffer[] = [];
      reader.on('data', (chunk: Buffer) => chunks.push(chunk)); // one event per read
      reader.on('end', () => server.close(() => resolve(chunks)));
      reader.on('error', reject);
      setTimeout(() => reader.resume(), 100); // meanwhile, the bytes wait in the kernel
    });
    // #endregion reader
    server.on('error', reject);

    server.listen(port, host, () => {
      // #region sender
      const sender = net.connect((server.address() as AddressInfo).port, host, () => {
        for (const bytes of writes) sender.write(bytes); // one write() per buffer
        sender.end(); // FIN: nothing more to send
      });
      sender.setNoDelay(true); // no Nagle: each write leaves at once, in a packet of its own
      sender.on('error', reject);
      // #endregion sender
    });
  });
}

/** Runs the two experiments of the lesson and prints what the reader saw. */
export async function demo(options: DemoOptions): Promise<void> {
  const log = options.log ?? console.log;

  // #region small
  const words = ['one\n', 'two\n', 'three\n'];
  const small = await transfer(words.map((w) => Buffer.from(w)), options);
  log(`${words.length} writes: ${words.map((w) => JSON.stringify(w)).join(' ')}`);
  for (const chunk of small) log(`'data' event: ${JSON.stringify(chunk.toString('utf8'))}`);
  // #endregion small

  log('');

  // #region big
  const big = await transfer([Buffer.alloc(1024 * 1024, 'x')], options); // 1 MiB in one write()
  const total = big.reduce((sum, chunk) => sum + chunk.length, 0);
  const largest = Math.max(...big.map((chunk) => chunk.length));
  log(`1 write: ${1024 * 1024} bytes`);
  log(`'data' events: ${total} bytes in all, at most ${largest} bytes each`);
  // #endregion big
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new Error(`invalid port "${text}": use a whole number from 0 to 65535`);
  }
  return Number(text);
}

async function main() {
  let options: DemoOptions;
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
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

  try {
    await demo(options);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const where = isIPv6(options.host) ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
    if (e.code === 'EADDRINUSE') console.error(`cannot listen on ${where}: the port is already in use (EADDRINUSE)`);
    else if (e.code === 'EADDRNOTAVAIL') console.error(`cannot listen on ${where}: ${options.host} is not an address of this machine (EADDRNOTAVAIL)`);
    else console.error(`the demo failed on ${where}: ${e.message}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
