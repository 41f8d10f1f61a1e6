// Exercise http-route: add a page to a tiny web server (HTTP/1.1 by hand on node:net).
//
//   npx tsx examples/exercises/http-route/server.ts [--host 127.0.0.1] [--port 8080]
//   npm run check -- http-route     (checks this file)
//
// Today it has one page, "/". Add the page "/ola", whose text is "Olá"
// (text/plain), so that curl -si http://127.0.0.1:8080/ola shows it.
import net from 'node:net';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/http-route/server.ts [--host ADDRESS] [--port 0-65535]';
let host: string;
let port: number;
try {
  const { values } = parseArgs({
    options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8080' } },
  });
  host = values.host;
  port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new Error(`invalid port "${values.port}"`);
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}

const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 431: 'Request Header Fields Too Large' };

// #region pages
const PAGES = new Map([
  ['/', 'Hello, world!\n'],
  // TODO: the page "/ola", whose text is "Olá"
]);

/** Status line, headers, an empty line, the body (not for HEAD); then close. */
function reply(socket: net.Socket, status: number, body: string, withBody: boolean) {
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\n` +
      'Connection: close\r\n' +
      '\r\n' +
      (withBody ? body : ''),
  );
}
// #endregion pages

const server = net.createServer((socket) => {
  socket.on('error', () => {}); // a client that resets the connection is not our problem
  socket.setTimeout(10_000, () => socket.destroy()); // nor one that never finishes its request
  let received = '';
  socket.setEncoding('latin1'); // a request head is ASCII: one byte, one character
  socket.on('data', (chunk: string) => {
    if (received.includes('\r\n\r\n')) return; // answered already
    received += chunk;
    const end = received.indexOf('\r\n\r\n');
    if (end === -1 && received.length > 8192) return reply(socket, 431, '431 Request Header Fields Too Large\n', true);
    if (end === -1) return; // wait for the rest of the head
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

server.on('error', (err) => {
  console.error(`cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(0)); // exiting closes every socket
}

server.listen(port, host, () => {
  console.log(`http server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});
