// Writes are not messages: what the reader of a TCP stream really gets. One program plays both ends
// of a loopback connection and prints what each 'data' event carried; --port is its reader's port.
//
//   npx tsx examples/chunks.ts [--host 127.0.0.1] [--port 0]
// #region reader
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port (default 0: any free port), read at the end of this file

// The reader: a server whose sockets start paused. It waits 100 ms, then reads.
let chunks: Buffer[] = []; // what each 'data' event carried, on the latest connection
const reader = net.createServer({ pauseOnConnect: true }, (socket) => {
  chunks = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk)); // one event per read
  setTimeout(() => socket.resume(), 100); // meanwhile, the bytes wait in the kernel
});
// #endregion reader

// #region sender
// Sends each buffer with a write() of its own; returns what the reader's 'data' events carried.
async function send(writes: Buffer[]) {
  const sender = net.connect((reader.address() as net.AddressInfo).port, host);
  sender.setNoDelay(true); // no Nagle: each write leaves at once, in a packet of its own
  await once(sender, 'connect');
  for (const bytes of writes) sender.write(bytes); // one write() per buffer
  sender.end(); // FIN: nothing more to send
  await once(sender, 'close'); // the reader has read everything, and closed its side too
  return chunks;
}
// #endregion sender

// #region experiments
// Once the reader listens (on any free port), the two experiments, one after the other.
reader.listen(port, host, () => experiments().then(() => reader.close()));

async function experiments() {
  // Three short writes.
  const words = ['one\n', 'two\n', 'three\n'];
  const small = await send(words.map((w) => Buffer.from(w)));
  console.log(`${words.length} writes: ${words.map((w) => JSON.stringify(w)).join(' ')}`);
  for (const chunk of small) console.log(`'data' event: ${JSON.stringify(chunk.toString('utf8'))}`);
  console.log('');
  // One write of 1 MiB.
  const big = await send([Buffer.alloc(1024 * 1024, 'x')]);
  const total = big.reduce((sum, chunk) => sum + chunk.length, 0);
  const largest = Math.max(...big.map((chunk) => chunk.length));
  console.log(`1 write: ${1024 * 1024} bytes`);
  console.log(`'data' events: ${total} bytes in all, at most ${largest} bytes each`);
}
// #endregion experiments

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/chunks.ts [--host ADDRESS] [--port 0-65535]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '0' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
