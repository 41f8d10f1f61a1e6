// Exercise http-client (lesson tcp/web-server): an HTTP/1.1 client by hand, on a plain TCP socket
// (node:net; no fetch, no node:http). It asks for PATH with GET and prints the status line, then
// the body: Content-Length bytes of it, or, without that header, all that comes until the close.
//
//   npx tsx examples/exercises/http-client/client.ts [--host 127.0.0.1] [--port 8080] [--timeout 2000] [PATH]
//   npm run check -- http-client        (checks client.ts; add --file FILE to check another file)
//
// Try it against examples/http-server.ts. Any status, 404 included, is a success (exit 0).
// client.ts is the starter: the work goes in its region "get", where the TODO is.
// solution.ts is the same file with that region done.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout, path } = commandLine(); // the options and PATH, read at the end of this file
const server = `${host}:${port}`;

// #region get
const socket = net.connect(port, host, () => {
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${server}\r\n\r\n`);
});

let received = Buffer.alloc(0); // the bytes so far: the head, then the body
let status = ''; // the status line, once the head is whole
let length: number | undefined; // Content-Length, if the response has one
socket.on('data', (chunk: Buffer) => {
  received = Buffer.concat([received, chunk]);
  if (!status) {
    const end = received.indexOf('\r\n\r\n');
    if (end === -1) return; // the head is not whole yet
    const [statusLine, ...headers] = received.toString('latin1', 0, end).split('\r\n');
    status = statusLine;
    const header = headers.find((line) => /^content-length:/i.test(line)); // names have any case
    if (header) length = Number(header.slice(header.indexOf(':') + 1));
    received = received.subarray(end + 4); // what is left is the start of the body
  }
  if (length !== undefined && received.length >= length) done(received.subarray(0, length));
});

// The server's FIN: the end of a body without Content-Length; any other time, too early.
socket.on('end', () => {
  if (status && length === undefined) return done(received);
  console.error(`${server} closed the connection before the whole response`);
  process.exit(1);
});

socket.setTimeout(timeout, () => {
  console.error(`no response from ${server} for ${timeout} ms`);
  process.exit(1);
});

function done(body: Buffer) {
  console.log(status);
  process.stdout.write(body);
  socket.destroy(); // the server may keep the connection open: we are done with it
}
// #endregion get

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS] [PATH]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '8080', timeout = '2000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    const [path = '/', ...more] = positionals;
    if (more.length || !/^\/[!-~]*$/.test(path))
      throw new Error('give one PATH, such as /page.html');
    return { host, port: Number(port), timeout: Number(timeout), path };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
