// Exercise length-upper: a TCP server for length-prefixed messages, which answers each one in capitals.
//
//   npx tsx examples/exercises/length-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- length-upper     (checks this file)
//
// A message on the wire is 4 bytes of length (an unsigned big-endian integer),
// then that many bytes of UTF-8 text. Each answer goes back framed the same way:
// "olá" comes back as "OLÁ". Today the server believes that every 'data' chunk
// is exactly one message, which holds only while the network is kind.
// Fix the part marked TODO.
import net from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/length-upper/server.ts [--host ADDRESS] [--port 0-65535]';
const MAX_MESSAGE = 1024 * 1024; // a longer message must close the connection

let host: string;
let port: number;
try {
  const { values } = parseArgs({
    options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' } },
  });
  host = values.host;
  port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new Error(`invalid port "${values.port}"`);
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}

/** The answer to one message: its text in capitals, framed (4 bytes of length + UTF-8). */
function answer(payload: Buffer): Buffer {
  const text = Buffer.from(payload.toString('utf8').toUpperCase(), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(text.length);
  return Buffer.concat([header, text]);
}

const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));

  // #region messages
  // TODO: a chunk is not a message. Keep the bytes that arrive; each time a whole
  // message is there (4 bytes of length + that many bytes), answer it and remove it.
  // A length over MAX_MESSAGE: close the connection instead of waiting for it.
  socket.on('data', (chunk: Buffer) => {
    if (chunk.length < 4) return; // too short to hold a length: dropped
    const length = chunk.readUInt32BE(0);
    socket.write(answer(chunk.subarray(4, 4 + length)));
  });
  // #endregion messages
});

server.on('error', (err) => {
  console.error(`cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`length-upper server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(0));
}
