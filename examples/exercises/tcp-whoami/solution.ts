// Solution of exercise tcp-whoami: a TCP server that tells each client how it sees the connection.
//
//   npx tsx examples/exercises/tcp-whoami/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-whoami --file examples/exercises/tcp-whoami/solution.ts
import net from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/tcp-whoami/solution.ts [--host ADDRESS] [--port 0-65535]';
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
  // Remote: the client's side. Local: ours, which is always the listening
  // port; accept() does not move the connection to another port.
  const you = `${socket.remoteAddress}:${socket.remotePort}`;
  const me = `${socket.localAddress}:${socket.localPort}`;
  const line = `you are ${you}, I am ${me}`;
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
