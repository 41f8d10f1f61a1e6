// A tiny web server: HTTP/1.1 written by hand on plain TCP sockets (node:net, not node:http).
// One request per connection: read the request head, answer, close.
//
//   npx tsx examples/http-server.ts [--host 127.0.0.1] [--port 8080] [--idle-ms 10000]
//
// Then open http://127.0.0.1:8080/ in a browser, or: curl -si http://127.0.0.1:8080/
// Stop it with Ctrl+C.
// #region routes
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, idleMs } = commandLine(); // --host, --port and --idle-ms, read at the end of this file

// What the server has to offer: a path, the type of its content, the content.
const ROUTES = new Map([
  ['/', { type: 'text/plain; charset=utf-8', body: 'Olá, mundo!\n' }],
  [
    '/page.html',
    {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html>\n<html lang="pt-BR">\n<title>Olá</title>\n<h1>Olá, mundo!</h1>\n<p>HTTP/1.1, à mão, sobre TCP.</p>\n</html>\n',
    },
  ],
]);
// #endregion routes

// #region limits
const MAX_HEAD_BYTES = 8 * 1024; // request line + headers; a longer head gets 431
const END_OF_HEAD = '\r\n\r\n'; // an empty line ends the head
// #endregion limits

// #region connection
const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`)); // e.g. ECONNRESET

  let received = Buffer.alloc(0); // the request head so far: it may come in many chunks
  let answered = false;

  // A client that sends nothing (or never finishes its request) does not keep the socket forever.
  socket.setTimeout(idleMs, () => {
    if (!answered) console.log(`no complete request in ${idleMs} ms: connection closed`);
    socket.destroy();
  });

  socket.on('data', (chunk: Buffer) => {
    if (answered) return; // one request per connection: read and drop anything after it
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf(END_OF_HEAD);
    if (end === -1 && received.length <= MAX_HEAD_BYTES) return; // wait for more bytes
    answered = true;
    const tooBig = end === -1 || end > MAX_HEAD_BYTES;
    const head = received.toString('latin1', 0, tooBig ? MAX_HEAD_BYTES : end); // one byte, one character
    const problem = `the request line and headers must fit in ${MAX_HEAD_BYTES} bytes`;
    send(socket, head.split('\r\n')[0], tooBig ? { status: 431, problem } : answer(head));
    received = Buffer.alloc(0); // let go of the request's bytes
  });
});
// #endregion connection

// #region parse
/** What to answer: a status and, for a page, its type and body; or why the request is bad. */
type Reply = { status: number; type?: string; body?: string; problem?: string; headOnly?: boolean };

/** Reads a request head (request line + header lines) and decides the reply. */
function answer(head: string): Reply {
  const [requestLine, ...headerLines] = head.split('\r\n');
  const parts = requestLine.split(' ');
  const [method, target, version] = parts;
  const wellFormed =
    parts.length === 3 &&
    /^[A-Z]+$/.test(method) &&
    target.startsWith('/') &&
    /^HTTP\/1\.[01]$/.test(version);
  if (!wellFormed)
    return { status: 400, problem: 'the first line must be "METHOD /path HTTP/1.1"' };
  for (const line of headerLines) {
    if (!/^[\w!#$%&'*+.^`|~-]+:/.test(line))
      return { status: 400, problem: 'each header line must be "Name: value"' };
  }
  const hasHost = headerLines.some((line) => line.toLowerCase().startsWith('host:'));
  if (version === 'HTTP/1.1' && !hasHost)
    return { status: 400, problem: 'HTTP/1.1 requires a Host header' };
  return route(method, target);
}
// #endregion parse

// #region route
/** A well-formed request: which page, if any, and how to answer for it. */
function route(method: string, target: string): Reply {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 };
  const headOnly = method === 'HEAD'; // HEAD: the same headers as GET, no body
  const page = ROUTES.get(target.split('?')[0]); // "/?x=1" is the page "/"
  return page ? { status: 200, ...page, headOnly } : { status: 404, headOnly };
}
// #endregion route

// #region send
const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  431: 'Request Header Fields Too Large',
};

/** Writes the status line, the headers, an empty line and the body; then closes our side. */
function send(socket: net.Socket, request: string, reply: Reply) {
  const reason = REASONS[reply.status];
  const body =
    reply.body ?? `${reply.status} ${reason}${reply.problem ? `: ${reply.problem}` : ''}\n`;
  let head = `HTTP/1.1 ${reply.status} ${reason}\r\n`;
  head += `Content-Type: ${reply.type ?? 'text/plain; charset=utf-8'}\r\n`;
  head += `Content-Length: ${Buffer.byteLength(body)}\r\n`; // bytes, not characters: "Olá" is 4
  if (reply.status === 405) head += 'Allow: GET, HEAD\r\n'; // the methods that are allowed
  head += 'Connection: close\r\n\r\n'; // then the empty line between headers and body
  const sent = reply.headOnly ? '' : body;
  socket.end(head + sent); // end(): send it all, then FIN
  const line = JSON.stringify(request.length > 60 ? `${request.slice(0, 60)}…` : request); // the request line, cut short
  console.log(`${line} -> ${reply.status} ${reason}, ${Buffer.byteLength(sent)} bytes`);
}
// #endregion send

// #region listen
// No 'error' listener: a port already taken (EADDRINUSE) ends the program, in one line.
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`http server listening on ${host}:${bound}`);
});
// #endregion listen

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop listening and exit 0 at once, without
// waiting for the open connections; the system closes them when the process exits.
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
  const usage =
    'usage: npx tsx examples/http-server.ts [--host ADDRESS] [--port 0-65535] [--idle-ms MS]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, 'idle-ms': text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '8080', 'idle-ms': idleMs = '10000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,6}$/.test(idleMs)) throw new Error('invalid --idle-ms');
    return { host, port: Number(port), idleMs: Number(idleMs) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
