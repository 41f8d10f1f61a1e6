// Writes are not messages: what the reader of a TCP stream really gets.
//
//   npx tsx examples/chunks.ts [--host 127.0.0.1] [--port 0]
//
// One program plays both ends of a loopback connection: the sender writes, the reader waits a
// moment (as a busy server would), then reads, and the program prints what each 'data' event
// carried. --port is the port of its own reader (default 0: any free port).
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// #region reader
// The reader: a server whose sockets start paused. It waits 100 ms, then reads.
let chunks: Buffer[] = []; // what each 'data' event carried, on the latest connection
const reader = net.createServer({ pauseOnConnect: true }, (socket) => {
  chunks = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk)); // one event per read
  socket.on('error', (err) => fail('the reader failed', err));
  setTimeout(() => socket.resume(), 100); // meanwhile, the bytes wait in the kernel
});
// #endregion reader

// #region sender
// Sends each buffer with a write() of its own; returns what the reader's 'data' events carried.
async function send(writes: Buffer[]) {
  const sender = net.connect((reader.address() as net.AddressInfo).port, host);
  sender.on('error', (err) => fail('the sender failed', err));
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
reader.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
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
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/chunks.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return { host: values.host, port: Number(values.port) };
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

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
