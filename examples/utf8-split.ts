// A character cut in two: why you cannot decode each TCP chunk on its own. One program plays both ends
// of a loopback connection: TEXT goes out in two writes, cut after --at bytes, and its reader decodes
// the two 'data' events in two ways. --port is its reader's port (default 0: any free port).
//
//   npx tsx examples/utf8-split.ts [--at 2] [--host 127.0.0.1] [--port 0] [TEXT]
// #region decode
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';

const { host, port, text, at } = commandLine(); // the options and TEXT (default "ação"), read at the end of this file

const naive: string[] = []; // each chunk decoded on its own
const decoded: string[] = []; // the same chunks through one StringDecoder
const decoder = new StringDecoder('utf8');
const reader = net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    console.log(`'data' event: ${hex(chunk)}`);
    naive.push(chunk.toString('utf8')); // WRONG: decodes this chunk alone
    decoded.push(decoder.write(chunk)); // RIGHT: keeps a cut character for the next chunk
    // The first part has arrived: only now send the rest, in a second write.
    if (naive.length === 1) sender.end(bytes.subarray(at));
  });
  socket.on('end', () => {
    console.log(`each chunk decoded alone: ${quote(naive)} = ${JSON.stringify(naive.join(''))}`);
    console.log(
      `with a StringDecoder:     ${quote(decoded)} = ${JSON.stringify(decoded.join(''))}`,
    );
    reader.close();
  });
});

// How the program prints bytes (61 c3) and decoded pieces ("a" + "ção").
const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
const quote = (parts: string[]) => parts.map((part) => JSON.stringify(part)).join(' + ');
// #endregion decode

// #region send
// The sender connects to the reader and writes the first part only.
const bytes = Buffer.from(text, 'utf8');
let sender: net.Socket;
reader.listen(port, host, () => {
  console.log(`${JSON.stringify(text)} in UTF-8: ${hex(bytes)} (${bytes.length} bytes)`);
  sender = net.connect((reader.address() as net.AddressInfo).port, host, () => {
    sender.write(bytes.subarray(0, at)); // by default "a" and the first byte of "ç"
  });
});
// #endregion send

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/utf8-split.ts [--at BYTES] [--host ADDRESS] [--port 0-65535] [TEXT]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { at: text, host: text, port: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { at = '2', host = '127.0.0.1', port = '0' } = values;
    const [input = 'ação', ...more] = positionals;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (more.length) throw new Error('give one TEXT (quote it if it has spaces)');
    if (!/^[1-9]\d*$/.test(at) || Number(at) >= Buffer.byteLength(input))
      throw new Error('invalid --at: cut TEXT after 1 byte or more, before its last byte');
    return { host, port: Number(port), text: input, at: Number(at) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
