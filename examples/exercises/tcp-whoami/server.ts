// Exercise tcp-whoami: a TCP server that tells each client how it sees the connection.
//
//   npx tsx examples/exercises/tcp-whoami/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-whoami     (checks this file)
//
// To every client that connects it writes one line, "you are A:P, I am B:Q",
// and keeps the connection open until the client closes it. Today the line is
// only question marks: fill in the values that the accepted socket knows.
import net from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/tcp-whoami/server.ts [--host ADDRESS] [--port 0-65535]';
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
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  // #region reply
  // TODO: the client's address and port, then ours, as this socket
  // sees them: socket.remoteAddress, socket.remotePort,
  // socket.localAddress, socket.localPort.
  const line = 'you are ?:?, I am ?:?';
  // #endregion reply
  console.log(line);
  socket.write(`${line}\n`);
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
