// Exercise tcp-abort: a TCP server that can end a connection in two ways, with FIN or with RST.
//
//   npx tsx examples/exercises/tcp-abort/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-abort
//
// It reads lines. "quit": it answers "bye" and closes politely, with end() (FIN). "abort": it
// closes with resetAndDestroy() (RST: the client gets ECONNRESET). Any other line: "unknown: LINE".
// server.ts is the exercise; solution.ts is the same file, solved: only the region "abort" differs.
// Stop it with Ctrl+C.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const MAX_LINE = 1000; // characters: a longer line gets an error, not more memory

const server = net.createServer((socket) => {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${peer} connected`);
  socket.on('error', (err: NodeJS.ErrnoException) =>
    console.log(`${peer} 'error': ${err.code ?? err.message}`),
  );
  socket.on('close', () => console.log(`${peer} 'close'`));
  socket.setEncoding('utf8');
  let pending = ''; // what came after the last "\n"
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let newline;
    while (socket.writable && (newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).replace(/\r$/, ''); // netcat -C and Windows end lines with \r\n
      pending = pending.slice(newline + 1);
      answer(socket, line);
    }
    if (socket.writable && pending.length > MAX_LINE)
      socket.end(`line too long: more than ${MAX_LINE} characters\n`);
  });
});

// #region abort
function answer(socket: net.Socket, line: string) {
  if (line === 'quit') {
    socket.end('bye\n'); // the answer, then FIN: "I will send nothing more"
    return;
  }
  if (line === 'abort') {
    socket.resetAndDestroy(); // RST instead of FIN: "this connection is void"; bytes not yet sent are dropped
    return;
  }
  socket.write(`unknown: ${line}\n`);
}
// #endregion abort

server.listen(port, host, () => {
  console.log(`abort server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});

// Ctrl+C (SIGINT) or SIGTERM: stop listening and exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}

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
