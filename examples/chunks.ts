// Writes are not messages: what the reader of a TCP stream really gets. One program plays both ends
// of a loopback connection and prints what each 'data' event carried; --port is its reader's port.
//
//   npx tsx examples/chunks.ts [--host 127.0.0.1] [--port 0]
// #region reader
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port (default 0: any free port), read at the end of this file

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
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/chunks.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return { host: values.host, port: number('port', values.port, 0, 65535) };
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
