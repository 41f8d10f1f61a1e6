// Length-prefix framing: each message goes out as 4 bytes of length, then its bytes.
//
//   npx tsx examples/length-framing.ts [--host 127.0.0.1] [--port 0] [MESSAGE...]
//
// One program plays both ends of a loopback connection: it sends the framed messages (default:
// um dois ação) in one write, then one byte per write, and its reader finds the same messages
// both times. --port is the port of its own reader (default 0: any free port).
import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port, messages } = commandLine(); // the options and MESSAGEs, read at the end of this file

// #region frame
// One message on the wire: its length in 4 bytes (big-endian), then its UTF-8 bytes.
function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length);
  return Buffer.concat([header, payload]);
}
// #endregion frame

// #region unframe
const MAX_MESSAGE = 1024 * 1024; // never wait for (or keep) a message bigger than 1 MiB

// Returns a function to call with each chunk; it calls onMessage once per whole message.
function unframer(onMessage: (payload: Buffer) => void) {
  let pending = Buffer.alloc(0); // bytes received but not yet part of a whole message
  return (chunk: Buffer) => {
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

// #region demo
// The reader hands each chunk to an unframer, which prints each whole message.
const reader = net.createServer((socket) => {
  const feed = unframer((payload) => console.log(`  message ${JSON.stringify(payload.toString('utf8'))}`));
  socket.on('data', (chunk: Buffer) => {
    try {
      feed(chunk);
    } catch (err) {
      socket.destroy(err as Error); // a peer that breaks the protocol loses its connection
    }
  });
  socket.on('error', (err) => console.log(`  connection closed: ${err.message}`));
});

// The sender sends the bytes over a new connection, `size` bytes per write, 5 ms apart.
async function send(bytes: Buffer, size: number) {
  const sender = net.connect((reader.address() as net.AddressInfo).port, host);
  sender.on('error', (err) => fail('the sender failed', err));
  sender.setNoDelay(true); // no Nagle: each write leaves at once
  await once(sender, 'connect');
  for (let i = 0; i < bytes.length; i += size) {
    sender.write(bytes.subarray(i, i + size));
    await sleep(5);
  }
  sender.end();
  await once(sender, 'close'); // the reader has read everything, and closed its side too
}

// Once the reader listens: each message framed, then all of them in one write, then byte by byte.
reader.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
reader.listen(port, host, async () => {
  const width = Math.max(...messages.map((m) => JSON.stringify(m).length));
  for (const message of messages) {
    const framed = frame(message);
    console.log(`${JSON.stringify(message).padEnd(width)} -> ${hex(framed.subarray(0, 4))} | ${hex(framed.subarray(4))}`);
  }
  const bytes = Buffer.concat(messages.map(frame));
  console.log(`1 write of ${bytes.length} bytes:`);
  await send(bytes, bytes.length);
  console.log(`${bytes.length} writes of 1 byte each:`);
  await send(bytes, 1);
  reader.close();
});
// #endregion demo

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/length-framing.ts [--host ADDRESS] [--port 0-65535] [MESSAGE...]';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    const messages = positionals.length > 0 ? positionals : ['um', 'dois', 'ação'];
    if (messages.some((m) => Buffer.byteLength(m) > 1000)) throw new Error('keep each MESSAGE under 1000 bytes');
    return { host: values.host, port: Number(values.port), messages };
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

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
