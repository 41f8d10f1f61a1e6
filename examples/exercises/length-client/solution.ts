// Exercise length-client (lesson tcp/streams): a client for length-prefixed messages. It sends
// each MESSAGE framed (4 bytes of length, big-endian, then its UTF-8 bytes), then FIN, and prints
// each framed reply on a line of its own, however the replies are cut on the way.
//
//   npx tsx examples/exercises/length-client/client.ts [--host 127.0.0.1] [--port 12000] [--timeout 2000] MESSAGE...
//   npm run check -- length-client        (checks client.ts; add --file FILE to check another file)
//
// Try it against the server of the exercise length-upper, which answers in capitals.
// client.ts is the starter: the work goes in its region "messages", where the TODO is.
// solution.ts is the same file with that region done.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout, messages } = commandLine(); // the options and MESSAGEs, read at the end of this file
const server = `${host}:${port}`;

// #region messages
const socket = net.connect(port, host, () => {
  for (const message of messages) {
    const payload = Buffer.from(message, 'utf8');
    const header = Buffer.alloc(4);
    header.writeUInt32BE(payload.length); // bytes, not characters: "olá" is 4
    socket.write(Buffer.concat([header, payload]));
  }
  socket.end(); // FIN: every message is sent; the replies can still come
});

let pending = Buffer.alloc(0); // bytes received, not yet a whole reply
let replies = 0;
socket.on('data', (chunk: Buffer) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
    const length = pending.readUInt32BE(0);
    console.log(pending.toString('utf8', 4, 4 + length));
    pending = pending.subarray(4 + length);
    replies += 1;
  }
  if (replies === messages.length) socket.destroy(); // all in: the server may keep the connection open
});

socket.on('end', () => {
  if (replies === messages.length) return; // every reply came: a normal end
  console.error(`${server} closed the connection after ${replies} of ${messages.length} replies`);
  process.exit(1);
});

socket.setTimeout(timeout, () => {
  console.error(`no reply from ${server} for ${timeout} ms`);
  process.exit(1);
});
// #endregion messages

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS] MESSAGE...`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '2000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    if (positionals.length === 0) throw new Error('give one MESSAGE or more');
    return { host, port: Number(port), timeout: Number(timeout), messages: positionals };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
