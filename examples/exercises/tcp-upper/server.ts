// Exercise tcp-upper: a TCP server that answers in capital letters, a whole stream of them.
//
//   npx tsx examples/exercises/tcp-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-upper     (checks this file)
//
// Today it does what the classic Python server does: one recv(1024), one reply,
// close. It only ever looks at the first chunk that arrives. Change the lines
// marked TODO so that it upper-cases everything the client sends, until the
// client half-closes, even when a character is split between two chunks.
import net from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/tcp-upper/server.ts [--host ADDRESS] [--port 0-65535]';
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

const server = net.createServer((socket) => {
  console.log(`connection ${socket.remoteAddress}:${socket.remotePort} -> ${socket.localAddress}:${socket.localPort}`);
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  // #region upper
  // TODO: this reads ONE chunk, answers it and hangs up, like the
  // recv(1024) of the Python server. Upper-case every chunk until the
  // client half-closes, and decode the bytes so that a character split
  // between two chunks still comes out whole.
  socket.once('data', (chunk: Buffer) => {
    socket.end(chunk.toString('utf8').toUpperCase());
  });
  // #endregion upper
});

server.on('error', (err) => {
  console.error(`cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`tcp server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(0));
}
