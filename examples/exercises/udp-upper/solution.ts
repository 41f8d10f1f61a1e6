// Solution of exercise udp-upper: a UDP server that answers every message in capital letters.
//
//   npx tsx examples/exercises/udp-upper/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-upper --file examples/exercises/udp-upper/solution.ts
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/udp-upper/solution.ts [--host ADDRESS] [--port 0-65535]';
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
  // #region reply
  // Bytes -> text (UTF-8) -> upper case -> bytes. "á" is two bytes, and upper-casing
  // them one by one would miss it: only the decoded text knows it is one letter.
  const reply = Buffer.from(message.toString('utf8').toUpperCase(), 'utf8');
  // #endregion reply
  socket.send(reply, sender.port, sender.address);
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
