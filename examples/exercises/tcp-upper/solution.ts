// Solution of exercise tcp-upper: a TCP server that answers in capital letters, a whole stream of them.
//
//   npx tsx examples/exercises/tcp-upper/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-upper --file examples/exercises/tcp-upper/solution.ts
import net from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/tcp-upper/solution.ts [--host ADDRESS] [--port 0-65535]';
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
  // Decode UTF-8 across chunks: a character cut in two is held back
  // until its other half arrives; 'data' now brings strings.
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    // Answer each piece as it comes; if the client reads slower than it
    // writes, stop reading until our replies have gone out.
    if (!socket.write(text.toUpperCase())) socket.pause();
  });
  socket.on('drain', () => socket.resume());
  // When the client half-closes (end(), FIN), Node ends our side too, after
  // the replies still queued: the default allowHalfOpen: false does it.
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
