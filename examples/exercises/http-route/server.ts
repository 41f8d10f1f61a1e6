// Exercise http-route: a tiny web server (HTTP/1.1 by hand on node:net) with one page, "/".
// Add the page "/ola", whose text is "Olá", so that curl -si http://127.0.0.1:8080/ola shows it.
//
//   npx tsx examples/exercises/http-route/server.ts [--host 127.0.0.1] [--port 8080]
//   npm run check -- http-route
//
// solution.ts is this file solved: only the region "pages" differs. Stop it with Ctrl+C.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  431: 'Request Header Fields Too Large',
};

// #region pages
const PAGES = new Map([
  ['/', 'Hello, world!\n'],
  // TODO: acrescente a página "/ola", cujo texto é "Olá", e confira o Content-Length que ela recebe.
  // TODO: add the page "/ola", whose text is "Olá", and check the Content-Length it gets.
]);

/** Status line, headers, an empty line, the body (not for HEAD); then close. */
function reply(socket: net.Socket, status: number, body: string, withBody: boolean) {
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\n` +
      `Connection: close\r\n\r\n${withBody ? body : ''}`, // an empty line, then the body
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
    const wellFormed =
      ['GET', 'HEAD'].includes(method) && path?.startsWith('/') && version?.startsWith('HTTP/1.');
    if (!wellFormed) return reply(socket, 400, '400 Bad Request\n', true);
    const page = PAGES.get(path);
    console.log(`${method} ${path} -> ${page === undefined ? 404 : 200}`);
    reply(socket, page === undefined ? 404 : 200, page ?? '404 Not Found\n', method === 'GET'); // HEAD: no body
  });
});

server.listen(port, host, () =>
  console.log(`http server listening on ${host}:${(server.address() as net.AddressInfo).port}`),
);

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

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
    const { host = '127.0.0.1', port = '8080' } = values;
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
