// server.close() stops accepting connections, but waits for the open ones.
//
//   npx tsx examples/server-close.ts [--host 127.0.0.1] [--port 0]
//
// One program plays a server and two clients, step by step: client A connects,
// the server calls close(), client B is refused, A is still served, and the
// server's 'close' event comes only when A leaves. Then it exits.
// --port is the port of its own server (default 0: any free port).
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// #region close
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
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/server-close.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return { host: values.host, port: Number(values.port) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
    ENOTFOUND: `unknown host "${host}"`,
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
