// A character cut in two: why you cannot decode each TCP chunk on its own.
//
//   npx tsx examples/utf8-split.ts [--at 2] [--host 127.0.0.1] [--port 0] [TEXT]
//
// One program plays both ends of a loopback connection. The sender writes TEXT (default "ação")
// in two writes, cut after --at bytes, the second only once the reader has received the first,
// and the reader decodes the two 'data' events in two ways. --port: its reader's port (0: any).
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';

const { host, port, text, at } = commandLine(); // the options and TEXT, read at the end of this file

// #region decode
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
    console.log(`with a StringDecoder:     ${quote(decoded)} = ${JSON.stringify(decoded.join(''))}`);
    reader.close();
  });
  socket.on('error', (err) => fail('the reader failed', err));
});
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
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/utf8-split.ts [--at BYTES] [--host ADDRESS] [--port 0-65535] [TEXT]';
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: {
      at: { type: 'string', default: '2' }, host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' }, help: { type: 'boolean' },
    } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (positionals.length > 1) throw new Error('give one TEXT (quote it if it has spaces)');
    const text = positionals[0] ?? 'ação';
    const [port, at, size] = [Number(values.port), Number(values.at), Buffer.byteLength(text)];
    if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    if (size < 2) throw new Error('TEXT needs at least 2 bytes to be cut in two');
    if (!/^\d+$/.test(values.at) || at < 1 || at >= size) throw new Error(`invalid --at "${values.at}": use 1 to ${size - 1}`);
    return { host: values.host, port, text, at };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
    ENOTFOUND: `unknown host "${host}"`,
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}

function hex(bytes: Buffer) {
  return bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

function quote(parts: string[]) {
  return parts.map((part) => JSON.stringify(part)).join(' + ');
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
