// A TCP server that reads its stream as lines and answers each with its number ("um" -> "1: um"). Ctrl+C stops it.
//
//   npx tsx examples/line-server.ts [--host 127.0.0.1] [--port 12000]
// #region lines
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const MAX_LINE = 64 * 1024; // characters; a longer line closes the connection
const server = net.createServer((socket) => {
  const peer = address(socket.remoteAddress, socket.remotePort);
  socket.on('error', (err) => console.log(`${peer} error: ${err.message}`));
  // #region utf8
  // 'data' now gives strings, and a character cut between two chunks waits for its end.
  socket.setEncoding('utf8');
  // #endregion utf8
  let pending = ''; // what came after the last "\n": the start of a line
  let count = 0;
  socket.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n'); // the whole lines, then the start of the next one
    pending = lines.pop()!;
    for (const line of lines) {
      count += 1;
      console.log(`${peer} line ${count}: ${JSON.stringify(line)}`);
      if (!socket.write(`${count}: ${line}\n`)) socket.pause(); // a client that does not read: wait for 'drain'
    }
    if (pending.length > MAX_LINE) {
      console.log(`${peer} sent a line longer than ${MAX_LINE} characters: closing`);
      socket.end(`error: lines are limited to ${MAX_LINE} characters\n`);
      socket.removeAllListeners('data'); // read and drop the rest
      pending = '';
    }
  });
  socket.on('drain', () => socket.resume());
  socket.on('end', () => {
    if (pending)
      console.log(
        `${peer} closed with ${pending.length} characters after its last newline: no line`,
      );
  });
});
// #endregion lines

// #region listen
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `line server listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});
// #endregion listen

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop listening and exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}
// #endregion stop

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/line-server.ts [--host ADDRESS] [--port 0-65535]';
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
