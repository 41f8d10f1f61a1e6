// A TCP server that answers only once the client has finished: it sorts lines.
//
//   npx tsx examples/sort-server.ts [--host 127.0.0.1] [--port 12000] [--no-half-open]
//
// Like the Unix `sort`, it reads until the client half-closes (end(): FIN), then answers
// with the lines in order and closes its side: that needs allowHalfOpen: true.
// --no-half-open keeps Node's default (allowHalfOpen: false), to see the answer fail.
// Stop it with Ctrl+C.
// #region answer
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port, halfOpen } = commandLine(); // --host, --port and --no-half-open, read at the end of this file
const MAX_INPUT = 1024 * 1024; // bytes kept per connection; more is refused

// One connection: read everything until the client's FIN, then answer with the lines sorted.
async function sortLines(socket: net.Socket) {
  const peer = address(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
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
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`sort server (allowHalfOpen: ${halfOpen}) listening on ${address(host, bound)}`);
});
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): exit 0 at once; the system closes the sockets.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion half-open

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/sort-server.ts [--host ADDRESS] [--port 0-65535] [--no-half-open]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        'no-half-open': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return {
      host: values.host,
      port: number('port', values.port, 0, 65535),
      halfOpen: !values['no-half-open'],
    };
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

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
