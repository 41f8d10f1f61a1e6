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
  const peer = address(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
  console.log(`${peer} connected`);
  socket.write('welcome\n');
  socket.on('end', () =>
    console.log(`${peer} 'end': the client sent FIN, it will send nothing more`),
  );
  socket.on('error', (err: NodeJS.ErrnoException) => console.log(`${peer} 'error': ${err.code}`));
  socket.on('close', (hadError) =>
    console.log(`${peer} 'close'${hadError ? ' after an error' : ''}`),
  );
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
// A second server on a port where a live one listens fails here: EADDRINUSE.
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`watch server listening on ${address(host, bound)}`);
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
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/watch-server.ts [--host ADDRESS] [--port 0-65535]';
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

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
