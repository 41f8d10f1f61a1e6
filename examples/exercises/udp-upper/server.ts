// Exercise udp-upper: a UDP server that answers every message in capital letters.
//
//   npx tsx examples/exercises/udp-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-upper     (checks this file)
//
// Today it is still an echo server: it sends back the very bytes it got.
// Change the lines marked TODO so that "olá, mundo" comes back as "OLÁ, MUNDO".
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/udp-upper/server.ts [--host ADDRESS] [--port 0-65535]';
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
  // TODO: turn the bytes into text (UTF-8), make it upper case, turn it back into bytes.
  const reply = message;
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
