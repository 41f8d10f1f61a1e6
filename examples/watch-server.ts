// A TCP server that tells how each connection ends.
//
//   npx tsx examples/watch-server.ts [--host 127.0.0.1] [--port 12000]
//
// It greets every client with "welcome", logs the events of each connection
// ('end', 'error', 'close'), and answers a line "quit" with "bye" before it
// closes the connection itself, first.
// Stop it with Ctrl+C.
// #region events
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const server = net.createServer((socket) => {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${peer} connected`);
  socket.write('welcome\n');
  socket.on('end', () =>
    console.log(`${peer} 'end': the client sent FIN, it will send nothing more`),
  );
  socket.on('error', (err: NodeJS.ErrnoException) => console.log(`${peer} 'error': ${err.code}`));
  socket.on('close', (hadError) =>
    console.log(`${peer} 'close'${hadError ? ' after an error' : ''}`),
  );
  // … and then what "quit" does:
  // #endregion events

  // #region quit
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    text = (text + chunk).slice(-100); // only the end matters: keep it small
    if (text.endsWith('quit\n')) {
      console.log(`${peer} said "quit": answering "bye" and closing first, with end()`);
      socket.end('bye\n');
    }
  });
  // #endregion quit
});

// #region listen
// A second server on a port where a live one listens fails here: EADDRINUSE, in one line.
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`watch server listening on ${host}:${bound}`);
});
// #endregion listen

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop listening and exit 0 at once.
// The system closes the connections of a process that exits.
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
  const usage = 'usage: npx tsx examples/watch-server.ts [--host ADDRESS] [--port 0-65535]';
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
