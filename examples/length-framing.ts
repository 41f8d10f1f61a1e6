// Length-prefix framing: each message goes out as 4 bytes of length, then its bytes.
//
//   npx tsx examples/length-framing.ts [--host 127.0.0.1] [--port 0] [MESSAGE...]
//
// One program plays both ends of a loopback connection. The sender frames the
// messages (default: um dois ação) and sends them twice: first all in one write,
// then one byte per write. The reader finds the same messages both times,
// because it reads the lengths, not the writes.
// --port is the port of its own reader (default 0: any free port).
import net from 'node:net';
import { isIPv6, type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/length-framing.ts [--host ADDRESS] [--port 0-65535] [MESSAGE...]';

// #region frame
/** One message on the wire: its length in 4 bytes (big-endian), then its UTF-8 bytes. */
export function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length);
  return Buffer.concat([header, payload]);
}
// #endregion frame

// #region unframe
export const MAX_MESSAGE = 1024 * 1024; // never wait for (or keep) a message bigger than 1 MiB

/** Returns a function to call with each chunk; it calls `onMessage` once per complete message. */
export function unframer(onMessage: (payload: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0); // bytes received but not yet part of a whole message
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length > MAX_MESSAGE) throw new Error(`a message of ${length} bytes is over the limit`);
      if (pending.length < 4 + length) return; // the rest has not arrived yet
      onMessage(pending.subarray(4, 4 + length));
      pending = pending.subarray(4 + length);
    }
  };
}
// #endregion unframe

export interface DemoOptions {
  host: string;
  port: number;
  messages: string[];
  log?: (line: string) => void;
}

/** Sends `bytes` over a fresh connection, in one write or one byte per write; resolves with the messages the reader found. */
export function send(bytes: Buffer, byteByByte: boolean, { host, port }: DemoOptions): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const messages: string[] = [];
    // #region reader
    const server = net.createServer((reader) => {
      const feed = unframer((payload) => messages.push(payload.toString('utf8')));
      reader.on('data', (chunk: Buffer) => {
        try {
          feed(chunk);
        } catch (err) {
          reader.destroy(err as Error); // a peer that breaks the protocol loses its connection
        }
      });
      reader.on('end', () => server.close(() => resolve(messages)));
      reader.on('error', reject);
    });
    // #endregion reader
    server.on('error', reject);

    server.listen(port, host, async () => {
      const sender = net.connect((server.address() as AddressInfo).port, host);
      sender.setNoDelay(true); // no Nagle: each write leaves at once
      sender.on('error', reject);
      await new Promise((connected) => sender.once('connect', connected));
      if (!byteByByte) {
        sender.end(bytes);
        return;
      }
      for (const byte of bytes) {
        sender.write(Buffer.from([byte]));
        await new Promise((wait) => setTimeout(wait, 5));
      }
      sender.end();
    });
  });
}

const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');

export async function demo(options: DemoOptions): Promise<void> {
  const log = options.log ?? console.log;
  const width = Math.max(...options.messages.map((m) => JSON.stringify(m).length));
  for (const message of options.messages) {
    const framed = frame(message);
    log(`${JSON.stringify(message).padEnd(width)} -> ${hex(framed.subarray(0, 4))} | ${hex(framed.subarray(4))}`);
  }
  const bytes = Buffer.concat(options.messages.map(frame));
  for (const byteByByte of [false, true]) {
    log(byteByByte ? `${bytes.length} writes of 1 byte each:` : `1 write of ${bytes.length} bytes:`);
    for (const message of await send(bytes, byteByByte, options)) log(`  message ${JSON.stringify(message)}`);
  }
}

async function main() {
  let options: DemoOptions;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
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
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new Error(`invalid port "${values.port}": use a whole number from 0 to 65535`);
    }
    const messages = positionals.length ? positionals : ['um', 'dois', 'ação'];
    if (messages.some((m) => Buffer.byteLength(m) > 1000)) throw new Error('keep each MESSAGE under 1000 bytes');
    options = { host: values.host, port: Number(values.port), messages };
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
