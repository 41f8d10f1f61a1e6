// HTTP client: asks a web server for one path with Node's built-in fetch and prints
// the status, the headers and the body.
//
//   npx tsx examples/http-get.ts [--host 127.0.0.1] [--port 8080] [--timeout 5000] [PATH]
//
// PATH defaults to "/". Any answer, 404 included, is a success (exit 0): the server replied.
// #region fetch
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, path } = commandLine(); // --host, --port, --timeout and PATH, read at the end of this file
const where = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`; // in a URL, an IPv6 address goes in brackets

async function get() {
  // fetch opens a TCP connection, writes "GET /path HTTP/1.1" and the headers, reads the reply.
  const response = await fetch(`http://${where}${path}`, { signal: AbortSignal.timeout(timeout) });
  console.log(`${response.status} ${response.statusText}`);
  for (const [name, value] of response.headers) console.log(`${name}: ${value}`);
  console.log('');
  process.stdout.write(await response.text()); // the body's bytes, decoded as UTF-8
}
// #endregion fetch

// #region fail
// fetch does not fail with the socket's error: it throws "fetch failed" and keeps that error
// (ECONNREFUSED…) in `cause`. A timeout is an error of its own, named TimeoutError. Thrown on,
// either one ends the program in one line.
get().catch((err: Error) => {
  if (err.name === 'TimeoutError') throw new Error(`no answer from ${where} after ${timeout} ms`);
  throw err.cause ?? err;
});
// #endregion fail

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/http-get.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [PATH]';
  process.on('uncaughtException', (err: Error & { errors?: Error[] }) =>
    exit(1, err.errors?.map((e) => e.message).join('; ') ?? err.message),
  );
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '8080', timeout = '5000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    const [path = '/', ...more] = positionals;
    if (more.length || !path.startsWith('/')) throw new Error('give one PATH, such as /page.html');
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
