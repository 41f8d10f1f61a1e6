// A TCP server that reads its stream as lines and answers each with its number ("um" -> "1: um"). Ctrl+C stops it.
//
//   npx tsx examples/line-server.ts [--host 127.0.0.1] [--port 12000]
// #region lines
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const MAX_LINE = 64 * 1024; // characters; a longer line closes the connection
const server = net.createServer((socket) => {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
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
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`line server listening on ${host}:${bound}`);
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
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/line-server.ts [--host ADDRESS] [--port 0-65535]';
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
