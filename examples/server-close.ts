// server.close() stops accepting connections, but waits for the open ones.
//
//   npx tsx examples/server-close.ts [--host 127.0.0.1] [--port 0]
//
// One program plays a server and two clients, step by step: client A connects,
// the server calls close(), client B is refused, A is still served, and the
// server's 'close' event comes only when A leaves. Then it exits.
// --port is the port of its own server (default 0: any free port).
// #region close
import net from 'node:net';
import { once } from 'node:events';
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
  a.on('error', (err) => fail('client A', err));
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
demo().catch((err) => fail(`cannot listen on ${address(host, port)}`, err));
// #endregion close

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/server-close.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
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
