// Exercise length-upper: a TCP server for length-prefixed messages, which answers each one in capitals.
//
//   npx tsx examples/exercises/length-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- length-upper
//
// server.ts is the starter: change the region "messages" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// A message on the wire is 4 bytes of length (an unsigned big-endian integer), then that
// many bytes of UTF-8 text. Each answer goes back framed the same way: "olá" -> "OLÁ".
const MAX_MESSAGE = 1024 * 1024; // a longer message must close the connection

// The answer to one message: its text in capitals, framed (4 bytes of length + UTF-8).
function answer(payload: Buffer): Buffer {
  const text = Buffer.from(payload.toString('utf8').toUpperCase(), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(text.length);
  return Buffer.concat([header, text]);
}

const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  // #region messages
  // TODO: um pedaço não é uma mensagem. Guarde os bytes; a cada mensagem inteira, responda e remova-a; acima de MAX_MESSAGE, feche.
  // TODO: a chunk is not a message. Keep the bytes; answer and remove each whole message; over MAX_MESSAGE, close the connection.
  socket.on('data', (chunk: Buffer) => {
    if (chunk.length < 4) return; // too short to hold a length: dropped
    const length = chunk.readUInt32BE(0);
    socket.write(answer(chunk.subarray(4, 4 + length)));
  });
  // #endregion messages
});

server.listen(port, host, () => {
  console.log(
    `length-upper server listening on ${host}:${(server.address() as net.AddressInfo).port}`,
  );
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
