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
  socket.on('error', (err) => fail('the reader failed', err));
});

// How the program prints bytes (61 c3) and decoded pieces ("a" + "ção").
const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
const quote = (parts: string[]) => parts.map((part) => JSON.stringify(part)).join(' + ');
// #endregion decode

// #region send
// The sender connects to the reader and writes the first part only.
const bytes = Buffer.from(text, 'utf8');
let sender: net.Socket;
reader.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
reader.listen(port, host, () => {
  console.log(`${JSON.stringify(text)} in UTF-8: ${hex(bytes)} (${bytes.length} bytes)`);
  sender = net.connect((reader.address() as net.AddressInfo).port, host, () => {
    sender.write(bytes.subarray(0, at)); // by default "a" and the first byte of "ç"
  });
  sender.on('error', (err) => fail('the sender failed', err));
});
// #endregion send

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/utf8-split.ts [--at BYTES] [--host ADDRESS] [--port 0-65535] [TEXT]';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        at: { type: 'string', default: '2' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (positionals.length > 1) throw new Error('give one TEXT (quote it if it has spaces)');
    const text = positionals[0] ?? 'ação';
    if (Buffer.byteLength(text) < 2)
      throw new Error('TEXT needs at least 2 bytes to be cut in two');
    return {
      host: values.host,
      port: number('port', values.port, 0, 65535),
      text,
      at: number('--at', values.at, 1, Buffer.byteLength(text) - 1),
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
