// server.close() stops accepting connections, but waits for the open ones.
//
//   npx tsx examples/server-close.ts [--host 127.0.0.1] [--port 0]
//
// One program plays a server and two clients, step by step: client A connects,
// the server calls close(), client B is refused, A is still served, and the
// server's 'close' event comes only when A leaves. Then it exits.
// --port is the port of its own server (default 0: any free port).
// #region close
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

async function demo() {
  // An echo server: every byte goes back.
  const server = net.createServer((socket) => {
    socket.on('error', () => {}); // the demo's clients leave politely; nothing to report
    socket.pipe(socket);
  });
  server.listen(port, host);
  await once(server, 'listening'); // or throws the 'error', e.g. EADDRINUSE
  const serverPort = (server.address() as net.AddressInfo).port;
  console.log('server: listening');

  const a = net.connect(serverPort, host);
  await once(a, 'connect');
  console.log('client A: connected');

  let closed = false;
  server.close(() => {
    closed = true;
    console.log("server: 'close', its last connection is gone");
  });
  console.log('server: close() called; no new connections from now on');

  const b = net.connect(serverPort, host);
  const [err] = await once(b, 'error'); // the connection is refused
  console.log(`client B: ${err.code}, nobody accepts connections there any more`);

  a.setEncoding('utf8');
  a.write('still there?');
  const [reply] = await once(a, 'data');
  console.log(`client A: sent "still there?", got ${JSON.stringify(reply)} back`);
  console.log(`server: closed yet? ${closed ? 'yes' : 'no, A is still connected'}`);

  a.end();
  console.log('client A: end()');
  await once(server, 'close');
}
demo();
// #endregion close

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/server-close.ts [--host ADDRESS] [--port 0-65535]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '0' } = values;
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
