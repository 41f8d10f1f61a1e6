// Solution of exercise same-port: one program, one port number, two protocols.
//
//   npx tsx examples/exercises/same-port/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- same-port --file examples/exercises/same-port/solution.ts
import dgram from 'node:dgram';
import net, { type AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/same-port/solution.ts [--host ADDRESS] [--port 0-65535]';
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
  socket.on('error', () => {}); // a client that vanishes is not our problem
  socket.end(`tcp ${(server.address() as AddressInfo).port}\n`);
});

server.on('error', (err) => {
  console.error(`cannot listen on TCP ${host}:${port}: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const chosen = (server.address() as AddressInfo).port; // the real number, even with --port 0
  // #region udp
  const udp = dgram.createSocket('udp4');
  udp.on('error', (err) => {
    console.error(`cannot bind UDP ${host}:${chosen}: ${err.message}`);
    process.exit(1);
  });
  // Every datagram gets its answer, sent back to where it came from.
  udp.on('message', (_message, sender) => {
    udp.send(`udp ${chosen}\n`, sender.port, sender.address);
  });
  // The same number as TCP's, in the other protocol: no conflict.
  udp.bind(chosen, host, () => {
    console.log(`tcp and udp listening on ${host}:${chosen}`);
  });
  // #endregion udp
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0))); // exiting closes every other socket
}
