// Solution of exercise tcp-wc: a TCP server that counts what the client sends, like `wc -l -c`.
//
//   npx tsx examples/exercises/tcp-wc/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-wc --file examples/exercises/tcp-wc/solution.ts
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/tcp-wc/solution.ts [--host ADDRESS] [--port 0-65535]';
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

// #region wc
// allowHalfOpen: true = the client's FIN closes its direction only; ours stays open for the answer.
const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  let bytes = 0;
  let lines = 0;
  socket.on('data', (chunk: Buffer) => {
    bytes += chunk.length; // bytes, not characters: no decoding at all
    for (const byte of chunk) if (byte === 10) lines += 1; // "\n" is byte 10, wherever the chunks are cut
  });

  try {
    await once(socket, 'end'); // the client's FIN: everything has arrived
  } catch {
    return; // the connection failed first
  }
  socket.write(`lines: ${lines}, bytes: ${bytes}\n`);
  socket.end(); // our FIN: the answer is complete
});
// #endregion wc

server.on('error', (err) => {
  console.error(`cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`wc server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(0));
}
