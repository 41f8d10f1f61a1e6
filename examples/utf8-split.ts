// A character cut in two: why you cannot decode each TCP chunk on its own.
//
//   npx tsx examples/utf8-split.ts [--at 2] [--host 127.0.0.1] [--port 0] [TEXT]
//
// One program plays both ends of a loopback connection. The sender writes TEXT
// (default "ação") in two writes, cut after --at bytes, and makes the second
// write only once the reader has received the first: so the reader surely gets
// two 'data' events. The reader decodes them in two ways and prints both.
// --port is the port of its own reader (default 0: any free port).
import net from 'node:net';
import { isIPv6, type AddressInfo } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/utf8-split.ts [--at BYTES] [--host ADDRESS] [--port 0-65535] [TEXT]';

export interface DemoOptions {
  host: string;
  port: number;
  text: string;
  at: number; // where to cut, in bytes
  log?: (line: string) => void;
}

export interface Decoded {
  chunks: Buffer[];
  naive: string[]; // each chunk decoded on its own
  decoded: string[]; // the same chunks through one StringDecoder
}

/** Sends `text` in two writes cut after `at` bytes; resolves with what the reader got and decoded. */
export function splitTransfer({ host, port, text, at }: DemoOptions): Promise<Decoded> {
  const bytes = Buffer.from(text, 'utf8');
  return new Promise((resolve, reject) => {
    const result: Decoded = { chunks: [], naive: [], decoded: [] };
    let sender: net.Socket;

    const server = net.createServer((reader) => {
      // #region decode
      const decoder = new StringDecoder('utf8');
      reader.on('data', (chunk: Buffer) => {
        result.naive.push(chunk.toString('utf8')); // WRONG: decodes this chunk alone
        result.decoded.push(decoder.write(chunk)); // RIGHT: keeps a cut character for the next chunk
        result.chunks.push(chunk);
        // The first part has arrived: only now send the rest, in a second write.
        if (result.chunks.length === 1) sender.end(bytes.subarray(at));
      });
      // #endregion decode
      reader.on('end', () => server.close(() => resolve(result)));
      reader.on('error', reject);
    });
    server.on('error', reject);

    server.listen(port, host, () => {
      sender = net.connect((server.address() as AddressInfo).port, host, () => sender.write(bytes.subarray(0, at)));
      sender.on('error', reject);
    });
  });
}

const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
const quote = (parts: string[]) => parts.map((p) => JSON.stringify(p)).join(' + ');

export async function demo(options: DemoOptions): Promise<void> {
  const log = options.log ?? console.log;
  const bytes = Buffer.from(options.text, 'utf8');
  log(`${JSON.stringify(options.text)} in UTF-8: ${hex(bytes)} (${bytes.length} bytes)`);
  const { chunks, naive, decoded } = await splitTransfer(options);
  for (const chunk of chunks) log(`'data' event: ${hex(chunk)}`);
  log(`each chunk decoded alone: ${quote(naive)} = ${JSON.stringify(naive.join(''))}`);
  log(`with a StringDecoder:     ${quote(decoded)} = ${JSON.stringify(decoded.join(''))}`);
}

function parseWhole(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`invalid ${name} "${text}": use a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

async function main() {
  let options: DemoOptions;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        at: { type: 'string', default: '2' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (positionals.length > 1) throw new Error('give one TEXT (quote it if it has spaces)');
    const text = positionals[0] ?? 'ação';
    const size = Buffer.byteLength(text);
    if (size < 2) throw new Error('TEXT needs at least 2 bytes to be cut in two');
    options = {
      host: values.host,
      port: parseWhole('port', values.port, 0, 65535),
      text,
      at: parseWhole('--at', values.at, 1, size - 1),
    };
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
