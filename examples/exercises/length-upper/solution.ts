// Solution of exercise length-upper: a TCP server for length-prefixed messages, which answers each one in capitals.
//
//   npx tsx examples/exercises/length-upper/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- length-upper --file examples/exercises/length-upper/solution.ts
import net from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/length-upper/solution.ts [--host ADDRESS] [--port 0-65535]';
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
  let pending = Buffer.alloc(0); // bytes received that are not yet a whole message
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length > MAX_MESSAGE) {
        console.log(`a message of ${length} bytes announced: over the limit, closing`);
        socket.destroy(); // and forget what it sent
        return;
      }
      if (pending.length < 4 + length) return; // wait for the rest
      // Decode only whole messages: a character cut between two chunks is whole again here.
      socket.write(answer(pending.subarray(4, 4 + length)));
      pending = pending.subarray(4 + length);
    }
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
