// A TCP server that answers only once the client has finished: it sorts lines.
//
//   npx tsx examples/sort-server.ts [--host 127.0.0.1] [--port 12000] [--no-half-open]
//
// Like the Unix `sort`, it reads until the client half-closes (end(): FIN), then answers
// with the lines in order and closes its side: that needs allowHalfOpen: true.
// --no-half-open keeps Node's default (allowHalfOpen: false), to see the answer fail.
// Stop it with Ctrl+C.
// #region answer
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, halfOpen } = commandLine(); // --host, --port and --no-half-open, read at the end of this file
const MAX_INPUT = 1024 * 1024; // bytes kept per connection; more is refused

// One connection: read everything until the client's FIN, then answer with the lines sorted.
async function sortLines(socket: net.Socket) {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  socket.on('error', (err: NodeJS.ErrnoException) =>
    console.log(`${peer} error: ${err.message} (${err.code})`),
  );
  const chunks: Buffer[] = [];
  let size = 0;
  socket.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_INPUT) chunks.push(chunk); // beyond the limit, read and drop
  });

  try {
    await once(socket, 'end'); // the client's FIN: its input is complete
  } catch {
    return; // the connection failed first; the 'error' listener said why
  }
  if (size > MAX_INPUT) {
    console.log(`${peer} sent ${size} bytes: over the limit of ${MAX_INPUT}`);
    socket.end(`error: at most ${MAX_INPUT} bytes, please\n`);
    return;
  }
  const lines = Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
  console.log(`${peer} sent ${lines.length} lines, then FIN; answering`);
  socket.write(
    lines
      .sort()
      .map((line) => `${line}\n`)
      .join(''),
  );
  socket.end(); // our FIN: the answer is complete
}
// #endregion answer

// #region half-open
// allowHalfOpen: true = when the client's FIN arrives, our side stays open until WE call end().
const server = net.createServer({ allowHalfOpen: halfOpen }, sortLines);
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`sort server (allowHalfOpen: ${halfOpen}) listening on ${host}:${bound}`);
});
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): exit 0 at once; the system closes the sockets.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion half-open

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/sort-server.ts [--host ADDRESS] [--port 0-65535] [--no-half-open]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, 'no-half-open': flag, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port), halfOpen: !values['no-half-open'] };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
