// A tiny web server: HTTP/1.1 written by hand on plain TCP sockets (node:net, not node:http).
// One request per connection: read the request head, answer, close.
//
//   npx tsx examples/http-server.ts [--host 127.0.0.1] [--port 8080] [--idle-ms 10000]
//
// Then open http://127.0.0.1:8080/ in a browser, or: curl -si http://127.0.0.1:8080/
// Stop it with Ctrl+C.
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/http-server.ts [--host ADDRESS] [--port 0-65535] [--idle-ms MS]';

// #region routes
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

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  431: 'Request Header Fields Too Large',
};

export interface ServerOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  idleMs: number; // close a connection that sends no complete request within this time
  log?: (line: string) => void;
}

/** Starts the web server; resolves once it is listening. */
export function startServer({ host, port, idleMs, log = console.log }: ServerOptions): Promise<net.Server> {
  // #region connection
  const server = net.createServer((socket) => {
    socket.on('error', (err) => log(`connection error: ${err.message}`)); // e.g. ECONNRESET

    let received = Buffer.alloc(0); // the request head so far: it may come in many chunks
    let answered = false;

    // A client that sends nothing (or never finishes its request) does not keep the socket forever.
    socket.setTimeout(idleMs, () => {
      if (!answered) log(`no complete request in ${idleMs} ms: connection closed`);
      socket.destroy();
    });

    socket.on('data', (chunk) => {
      if (answered) return; // one request per connection: ignore anything after it
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(END_OF_HEAD);
      if (end === -1 && received.length <= MAX_HEAD_BYTES) return; // wait for more bytes
      answered = true;
      const tooBig = end === -1 || end > MAX_HEAD_BYTES;
      const head = received.subarray(0, tooBig ? MAX_HEAD_BYTES : end);
      const reply: Reply = tooBig
        ? { status: 431, problem: `the request line and headers must fit in ${MAX_HEAD_BYTES} bytes` }
        : answer(head.toString('latin1'));
      send(socket, firstLine(head), reply, log);
      received = Buffer.alloc(0); // let go of the request's bytes
    });
  });
  // #endregion connection

  return new Promise((resolve, reject) => {
    server.once('error', reject); // e.g. EADDRINUSE: another server holds this port
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (err) => log(`server error: ${err.message}`));
      resolve(server);
    });
  });
}

interface Reply {
  status: number;
  type?: string;
  body?: string;
  headOnly?: boolean; // HEAD: the same headers as GET, no body
  allow?: string;
  problem?: string; // why a request is bad, for the client to read
}

// #region parse
/** Reads a request head (request line + header lines) and decides the reply. */
function answer(head: string): Reply {
  const [requestLine, ...headerLines] = head.split('\r\n');
  const parts = requestLine.split(' ');
  const [method, target, version] = parts;
  const wellFormed =
    parts.length === 3 && /^[A-Z]+$/.test(method) && target.startsWith('/') && /^HTTP\/1\.[01]$/.test(version);
  if (!wellFormed) {
    return { status: 400, problem: 'the first line must be "METHOD /path HTTP/1.1"' };
  }
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return { status: 400, problem: 'each header line must be "Name: value"' };
    headers.set(m[1].toLowerCase(), m[2]);
  }
  if (version === 'HTTP/1.1' && !headers.has('host')) return { status: 400, problem: 'HTTP/1.1 requires a Host header' };
  // #endregion parse

  // #region route
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, allow: 'GET, HEAD' };
  const path = target.split('?')[0]; // "/?x=1" is the page "/"
  const page = ROUTES.get(path);
  if (!page) return { status: 404 };
  return { status: 200, ...page, headOnly: method === 'HEAD' };
  // #endregion route
}

// #region send
/** Writes status line, headers, an empty line and the body; then closes our side. */
function send(socket: net.Socket, request: string, reply: Reply, log: (line: string) => void) {
  const reason = REASONS[reply.status];
  const type = reply.type ?? 'text/plain; charset=utf-8';
  const body = reply.body ?? `${reply.status} ${reason}${reply.problem ? `: ${reply.problem}` : ''}\n`;
  const head = [
    `HTTP/1.1 ${reply.status} ${reason}`,
    `Content-Type: ${type}`,
    `Content-Length: ${Buffer.byteLength(body)}`, // bytes, not characters: "Olá" is 4
    ...(reply.allow ? [`Allow: ${reply.allow}`] : []),
    'Connection: close',
    '', // the empty line between headers and body
    '',
  ].join('\r\n');
  const sent = reply.headOnly ? '' : body;
  socket.end(head + sent); // end(): send it all, then FIN
  log(`${request} -> ${reply.status} ${reason}, ${Buffer.byteLength(sent)} bytes`);
}
// #endregion send

/** The first line of what a client sent, quoted and cut short, for the log. */
function firstLine(head: Buffer): string {
  const line = head.toString('latin1').split('\r\n')[0];
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}

function formatAddress(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function parseNumber(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`invalid ${name} "${text}": use a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function explain(err: NodeJS.ErrnoException, { host, port }: ServerOptions): string {
  const where = formatAddress(host, port);
  switch (err.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is already in use (EADDRINUSE)`;
    case 'EACCES':
      return `cannot listen on ${where}: ports below 1024 need administrator rights (EACCES)`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: ${host} is not an address of this machine (EADDRNOTAVAIL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${where}: unknown host "${host}" (${err.code})`;
    default:
      return `cannot listen on ${where}: ${err.message}`;
  }
}

async function main() {
  let options: ServerOptions;
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8080' },
        'idle-ms': { type: 'string', default: '10000' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 0, 65535),
      idleMs: parseNumber('idle time', values['idle-ms'], 1, 3_600_000),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  let server: net.Server;
  try {
    server = await startServer(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
  // #region stop
  // Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop accepting, close the open connections, exit 0.
  const open = new Set<net.Socket>();
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const socket of open) socket.destroy();
      server.close(() => process.exit(0));
    });
  }
  // #endregion stop
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`http server listening on ${formatAddress(address, port)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
