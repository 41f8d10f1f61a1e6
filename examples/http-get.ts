// HTTP client: asks a web server for one path with Node's built-in fetch and prints
// the status, the headers and the body.
//
//   npx tsx examples/http-get.ts [--host 127.0.0.1] [--port 8080] [--timeout 5000] [PATH]
//
// PATH defaults to "/". Any answer, 404 included, is a success (exit 0): the server replied.
// #region fetch
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, path } = commandLine(); // --host, --port, --timeout and PATH, read at the end of this file
const where = isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`; // in a URL, an IPv6 address goes in brackets

async function get() {
  // fetch opens a TCP connection, writes "GET /path HTTP/1.1" and the headers, reads the reply.
  const response = await fetch(`http://${where}${path}`, { signal: AbortSignal.timeout(timeout) });
  console.log(`${response.status} ${response.statusText}`);
  for (const [name, value] of response.headers) console.log(`${name}: ${value}`);
  console.log('');
  process.stdout.write(await response.text()); // the body's bytes, decoded as UTF-8
}
get().catch(fail);
// #endregion fetch

// #region fail
// fetch tells a timeout by the error's name, and hides the socket's error code in `cause`.
function fail(err: Error): never {
  const cause = err.cause as NodeJS.ErrnoException | undefined;
  if (err.name === 'TimeoutError') exit(1, `no answer from ${where} after ${timeout} ms`);
  if (cause?.code === 'ECONNREFUSED') exit(1, `nothing is listening on ${where} (ECONNREFUSED)`);
  if (cause?.code === 'ECONNRESET') exit(1, `${where} reset the connection (ECONNRESET)`);
  if (cause?.code === 'ENOTFOUND') exit(1, `unknown host "${host}" (ENOTFOUND)`);
  exit(
    1,
    `request to ${where} failed: ${cause?.message ?? err.message}${cause?.code ? ` (${cause.code})` : ''}`,
  );
}
// #endregion fail

// #region cli
// The command line (a mistake in it: the usage, exit 2), and exit() for every way out.
function commandLine() {
  const usage =
    'usage: npx tsx examples/http-get.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [PATH]';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8080' },
        timeout: { type: 'string', default: '5000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    const [path = '/', ...more] = positionals;
    if (more.length || !path.startsWith('/'))
      throw new Error(
        `invalid PATH "${positionals.join(' ')}": give one path, starting with "/", as in /page.html`,
      );
    return {
      host: values.host,
      port: number('port', values.port, 1, 65535),
      timeout: number('timeout', values.timeout, 1, 600_000),
      path,
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
