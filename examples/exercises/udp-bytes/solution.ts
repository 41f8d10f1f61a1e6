// Solution of exercise udp-bytes: a UDP server that answers every datagram with its size in bytes.
//
//   npx tsx examples/exercises/udp-bytes/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-bytes --file examples/exercises/udp-bytes/solution.ts
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/udp-bytes/solution.ts [--host ADDRESS] [--port 0-65535]';
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

const socket = dgram.createSocket('udp4');

socket.on('message', (message, sender) => {
  console.log(`${message.length} bytes from ${sender.address}:${sender.port}`);
  // #region size
  // A Buffer's length is its number of bytes. The decoded string's length counts
  // UTF-16 code units instead: "á" is 1 of those, but 2 bytes in UTF-8.
  const size = message.length;
  // #endregion size
  socket.send(`${size} bytes`, sender.port, sender.address);
});

socket.on('error', (err) => {
  console.error(`cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

socket.bind(port, host, () => {
  console.log(`udp server listening on ${host}:${socket.address().port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}
