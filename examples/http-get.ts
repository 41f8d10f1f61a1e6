// HTTP client: asks a web server for one path with Node's built-in fetch and prints
// the status, the headers and the body.
//
//   npx tsx examples/http-get.ts [--host 127.0.0.1] [--port 8080] [--timeout 5000] [PATH]
//
// PATH defaults to "/". Any answer, 404 included, is a success (exit 0): the server replied.
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/http-get.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [PATH]';

export interface GetOptions {
  host: string;
  port: number;
  path: string;
  timeoutMs: number;
}

function formatAddress(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

export function urlOf({ host, port, path }: GetOptions): string {
  return `http://${formatAddress(host, port)}${path}`;
}

// #region fetch
/** GETs the page and returns what the server answered. */
export async function get(options: GetOptions) {
  // fetch opens a TCP connection, writes "GET /path HTTP/1.1" and the headers, reads the reply.
  const response = await fetch(urlOf(options), { signal: AbortSignal.timeout(options.timeoutMs) });
  const body = await response.text(); // bytes decoded as UTF-8
  return { status: response.status, reason: response.statusText, headers: [...response.headers], body };
}
// #endregion fetch

function parseNumber(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`invalid ${name} "${text}": use a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

/** One line that says what went wrong; fetch hides the socket's error code in `cause`. */
function explain(err: Error, options: GetOptions): string {
  const where = formatAddress(options.host, options.port);
  const cause = err.cause as NodeJS.ErrnoException | undefined;
  const code = cause?.code;
  if (err.name === 'TimeoutError') return `no answer from ${where} after ${options.timeoutMs} ms`;
  if (code === 'ECONNREFUSED') return `nothing is listening on ${where} (ECONNREFUSED)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `unknown host "${options.host}" (${code})`;
  if (code) return `request to ${where} failed: ${cause!.message} (${code})`;
  return `request to ${where} failed: ${cause?.message ?? err.message}`;
}

async function main() {
  let options: GetOptions;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8080' },
        timeout: { type: 'string', default: '5000' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (positionals.length > 1) throw new Error('give one PATH at most');
    const path = positionals[0] ?? '/';
    if (!path.startsWith('/')) throw new Error(`invalid PATH "${path}": a path starts with "/", as in /page.html`);
    options = {
      host: values.host,
      port: parseNumber('port', values.port, 1, 65535),
      timeoutMs: parseNumber('timeout', values.timeout, 1, 600_000),
      path,
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  try {
    const { status, reason, headers, body } = await get(options);
    console.log(`${status} ${reason}`);
    for (const [name, value] of headers) console.log(`${name}: ${value}`);
    console.log('');
    process.stdout.write(body);
  } catch (err) {
    console.error(explain(err as Error, options));
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
