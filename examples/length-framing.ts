// Length-prefix framing: 4 bytes of length, then the message. One program plays both ends of a loopback
// connection; its reader (on --port, default 0: any free port) finds the messages however they are cut.
//
//   npx tsx examples/length-framing.ts [--host 127.0.0.1] [--port 0] [MESSAGE...]
// #region frame
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port, messages } = commandLine(); // the options and MESSAGEs (default: um dois ação), read at the end of this file

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
  const feed = unframer((payload) =>
    console.log(`  message ${JSON.stringify(payload.toString('utf8'))}`),
  );
  socket.on('data', (chunk: Buffer) => {
    try {
      feed(chunk);
    } catch (err) {
      socket.destroy(err as Error); // a peer that breaks the protocol loses its connection
    }
  });
  socket.on('error', (err) => console.log(`  connection closed: ${err.message}`));
});

// Once the reader listens: each message framed, then all of them twice, over a new connection each time.
reader.listen(port, host, async () => {
  const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 '); // "00 00 00 02"
  const width = Math.max(...messages.map((m) => JSON.stringify(m).length));
  for (const framed of messages.map(frame)) {
    const text = JSON.stringify(framed.subarray(4).toString('utf8'));
    console.log(
      `${text.padEnd(width)} -> ${hex(framed.subarray(0, 4))} | ${hex(framed.subarray(4))}`,
    );
  }
  const bytes = Buffer.concat(messages.map(frame));
  for (const size of [bytes.length, 1]) {
    console.log(
      size === 1 ? `${bytes.length} writes of 1 byte each:` : `1 write of ${bytes.length} bytes:`,
    );
    const sender = net.connect((reader.address() as net.AddressInfo).port, host);
    sender.setNoDelay(true); // no Nagle: each write leaves at once
    await once(sender, 'connect');
    for (let i = 0; i < bytes.length; i += size) {
      sender.write(bytes.subarray(i, i + size));
      await sleep(5); // 5 ms apart: the reader gets them one by one
    }
    sender.end();
    await once(sender, 'close'); // the reader has read everything, and closed its side too
  }
  reader.close();
});
// #endregion demo

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/length-framing.ts [--host ADDRESS] [--port 0-65535] [MESSAGE...]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '0' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (positionals.some((m) => Buffer.byteLength(m) > 1000))
      throw new Error('keep each MESSAGE under 1000 bytes');
    const messages = positionals.length ? positionals : ['um', 'dois', 'ação'];
    return { host, port: Number(port), messages };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
