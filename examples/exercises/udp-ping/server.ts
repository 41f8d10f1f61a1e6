// Exercise udp-ping: a UDP server you can talk to with netcat.
//
//   npx tsx examples/exercises/udp-ping/server.ts [--host 127.0.0.1] [--port 12000]
//   nc -u -n 127.0.0.1 12000        (type ping, then Enter)
//   npm run check -- udp-ping       (checks this file)
//
// It should answer "pong" to "ping", and say what it got otherwise. Try it with
// nc first: it never says pong. Change the region marked TODO.
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/udp-ping/server.ts [--host ADDRESS] [--port 0-65535]';
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
  const text = message.toString('utf8');
  console.log(`${message.length} bytes from ${sender.address}:${sender.port}: ${JSON.stringify(text)}`);
  // #region answer
  // TODO: nc sends what you type AND the Enter key. Answer "pong\n"
  // to exactly "ping\n", and end the other answer with "\n" too,
  // so that nc prints each answer on a line of its own.
  const answer = text === 'ping' ? 'pong' : `unknown: ${JSON.stringify(text)}`;
  // #endregion answer
  socket.send(answer, sender.port, sender.address);
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
