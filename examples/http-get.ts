// HTTP client: asks a web server for one path with Node's built-in fetch and prints
// the status, the headers and the body.
//
//   npx tsx examples/http-get.ts [--host 127.0.0.1] [--port 8080] [--timeout 5000] [PATH]
//
// PATH defaults to "/". Any answer, 404 included, is a success (exit 0): the server replied.
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, path } = commandLine(); // --host, --port, --timeout and PATH, read at the end of this file

// #region fetch
async function get() {
  // fetch opens a TCP connection, writes "GET /path HTTP/1.1" and the headers, reads the reply.
  const response = await fetch(`http://${address(host, port)}${path}`, { signal: AbortSignal.timeout(timeout) });
  console.log(`${response.status} ${response.statusText}`);
  for (const [name, value] of response.headers) console.log(`${name}: ${value}`);
  console.log('');
  process.stdout.write(await response.text()); // the body's bytes, decoded as UTF-8
}
get().catch(fail);
// #endregion fetch

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/http-get.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [PATH]';
  const number = (name: string, text: string, min: number, max: number) => {
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
    return Number(text);
  };
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8080' },
        timeout: { type: 'string', default: '5000' }, help: { type: 'boolean' },
      },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const [path = '/', ...more] = positionals;
    if (more.length) throw new Error('give one PATH at most');
    if (!path.startsWith('/')) throw new Error(`invalid PATH "${path}": a path starts with "/", as in /page.html`);
    return { host: values.host, port: number('port', values.port, 1, 65535), timeout: number('timeout', values.timeout, 1, 600_000), path };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

// fetch tells a timeout by the error's name, and hides the socket's error code in `cause`.
function fail(err: Error): never {
  const where = address(host, port);
  const cause = err.cause as NodeJS.ErrnoException | undefined;
  const why: Record<string, string> = {
    ECONNREFUSED: `nothing is listening on ${where}`,
    ECONNRESET: `${where} reset the connection`,
    ENOTFOUND: `unknown host "${host}"`,
  };
  if (err.name === 'TimeoutError') console.error(`no answer from ${where} after ${timeout} ms`);
  else if (cause?.code) console.error(`${why[cause.code] ?? `request to ${where} failed: ${cause.message}`} (${cause.code})`);
  else console.error(`request to ${where} failed: ${cause?.message ?? err.message}`);
  process.exit(1);
}

function address(host: string, port: number) {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
