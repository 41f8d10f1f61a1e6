// Exercise http-route: add a page to a tiny web server (HTTP/1.1 by hand on node:net).
//
//   npx tsx examples/exercises/http-route/server.ts [--host 127.0.0.1] [--port 8080]
//   npm run check -- http-route
//
// It has one page, "/". The exercise: add the page "/ola", whose text is "Olá"
// (text/plain), so that curl -si http://127.0.0.1:8080/ola shows it.
// server.ts is the exercise; solution.ts is the same file, solved: only the region "pages" differs.
// Stop it with Ctrl+C.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 431: 'Request Header Fields Too Large' };

// #region pages
const PAGES = new Map([
  ['/', 'Hello, world!\n'],
  ['/ola', 'Olá'],
]);

/** Status line, headers, an empty line, the body (not for HEAD); then close. */
function reply(socket: net.Socket, status: number, body: string, withBody: boolean) {
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` + // bytes: "Olá" is 4 (á is 2), not 3
      'Connection: close\r\n' +
      '\r\n' +
      (withBody ? body : ''),
  );
}
// #endregion pages

const server = net.createServer((socket) => {
  socket.on('error', () => {}); // a client that resets the connection is not our problem
  socket.setTimeout(10_000, () => socket.destroy()); // nor one that never finishes its request
  socket.setEncoding('latin1'); // a request head is ASCII: one byte, one character
  let received = '';
  let answered = false;
  socket.on('data', (chunk: string) => {
    if (answered) return; // one request per connection: read and drop the rest
    received += chunk;
    const end = received.indexOf('\r\n\r\n');
    if (end === -1 && received.length <= 8192) return; // wait for the rest of the head
    answered = true;
    if (end === -1) return reply(socket, 431, '431 Request Header Fields Too Large\n', true);
    const [method, path, version] = received.slice(0, received.indexOf('\r\n')).split(' ');
    if (!['GET', 'HEAD'].includes(method) || !path?.startsWith('/') || !version?.startsWith('HTTP/1.')) {
      return reply(socket, 400, '400 Bad Request\n', true);
    }
    const page = PAGES.get(path);
    console.log(`${method} ${path} -> ${page === undefined ? 404 : 200}`);
    if (page === undefined) return reply(socket, 404, '404 Not Found\n', method === 'GET');
    reply(socket, 200, page, method === 'GET');
  });
});

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(`http server listening on ${address(host, (server.address() as net.AddressInfo).port)}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/exercises/http-route/server.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8080' }, help: { type: 'boolean' } },
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
