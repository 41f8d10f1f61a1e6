// Exercise length-upper: a TCP server for length-prefixed messages, which answers each one in capitals.
//
//   npx tsx examples/exercises/length-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- length-upper
//
// server.ts is the starter: change the region "messages" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
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

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `length-upper server listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/exercises/length-upper/server.ts (or solution.ts) [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return { host: values.host, port: number('port', values.port, 0, 65535) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
