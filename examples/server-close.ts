// server.close() stops accepting connections, but waits for the open ones.
//
//   npx tsx examples/server-close.ts [--host 127.0.0.1] [--port 0]
//
// One program plays a server and two clients, step by step: client A connects,
// the server calls close(), client B is refused, A is still served, and the
// server's 'close' event comes only when A leaves.
// --port is the port of its own server (default 0: any free port).
import net from 'node:net';
import { once } from 'node:events';
import { isIPv6, type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/server-close.ts [--host ADDRESS] [--port 0-65535]';

export interface DemoOptions {
  host: string;
  port: number;
  log?: (line: string) => void;
}

export async function demo({ host, port, log = console.log }: DemoOptions): Promise<void> {
  // An echo server: every byte goes back.
  const server = net.createServer((socket) => {
    socket.on('error', () => {}); // the demo's clients leave politely; nothing to report
    socket.pipe(socket);
  });
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  log('server: listening');

  const a = net.connect(address.port, host);
  a.on('error', (e) => log(`client A: ${e.message}`));
  await once(a, 'connect');
  log('client A: connected');

  // #region close
  let closed = false;
  server.close(() => {
    closed = true;
    log("server: 'close', its last connection is gone");
  });
  log('server: close() called; no new connections from now on');

  const b = net.connect(address.port, host);
  const [err] = (await once(b, 'error')) as [NodeJS.ErrnoException]; // the connection is refused
  log(`client B: ${err.code}, nobody accepts connections there any more`);

  a.setEncoding('utf8');
  a.write('still there?');
  const [reply] = await once(a, 'data');
  log(`client A: sent "still there?", got ${JSON.stringify(reply)} back`);
  log(`server: closed yet? ${closed ? 'yes' : 'no, A is still connected'}`);

  a.end();
  log('client A: end()');
  await once(server, 'close');
  // #endregion close
}

async function main() {
  let options: DemoOptions;
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new Error(`invalid port "${values.port}": use a whole number from 0 to 65535`);
    }
    options = { host: values.host, port: Number(values.port) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  try {
    await demo(options);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const where = isIPv6(options.host) ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
    if (e.code === 'EADDRINUSE') console.error(`cannot listen on ${where}: the port is already in use (EADDRINUSE)`);
    else if (e.code === 'EADDRNOTAVAIL') console.error(`cannot listen on ${where}: ${options.host} is not an address of this machine (EADDRNOTAVAIL)`);
    else console.error(`the demo failed on ${where}: ${e.message}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
