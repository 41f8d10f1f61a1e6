// A TCP client that sends lines, then says it has finished (end(): FIN), and prints the answer until the
// server closes too. With --byte-by-byte it writes one byte at a time, 10 ms apart, each in a packet of its own.
//
//   npx tsx examples/line-client.ts [--host 127.0.0.1] [--port 12000] [--byte-by-byte] [--timeout 3000] LINE...
// #region send
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port, lines, byteByByte, timeout } = commandLine(); // the options and LINEs, read at the end of this file
const server = address(host, port);

// Each LINE goes out followed by "\n"; then end() sends FIN, and we can still read.
const socket = net.connect(port, host, async () => {
  const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
  if (byteByByte) {
    socket.setNoDelay(true); // no Nagle: each byte leaves at once, alone
    for (const byte of bytes) {
      socket.write(Buffer.from([byte]));
      await sleep(10);
    }
  } else {
    socket.write(bytes);
  }
  socket.end(); // FIN: we have sent everything; we can still read
});
// #endregion send

// #region receive
// Print what comes, until the server's FIN ('end'): then it has sent everything, too.
socket.setEncoding('utf8');
socket.on('data', (text: string) => process.stdout.write(text));
socket.on('end', () => {
  if (socket.bytesRead > 0) return;
  console.error('the server closed the connection without answering');
  process.exit(1);
});
// #endregion receive

// #region errors
// No answer for --timeout ms, or a failure (ECONNREFUSED, ECONNRESET…): one line, exit 1.
socket.setTimeout(timeout, () => {
  console.error(`no answer from ${server} after ${timeout} ms`);
  process.exit(1);
});
socket.on('error', fail);
// #endregion errors

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/line-client.ts [--host ADDRESS] [--port 1-65535] [--byte-by-byte] [--timeout MS] LINE...';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        'byte-by-byte': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '3000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (positionals.length === 0) throw new Error('missing LINE');
    if (positionals.some((line) => line.includes('\n')))
      throw new Error('a LINE cannot contain a newline');
    const [port, timeout] = [
      number('port', values.port, 1, 65535),
      number('timeout', values.timeout, 1, 600_000),
    ];
    return {
      host: values.host,
      port,
      lines: positionals,
      byteByByte: values['byte-by-byte'],
      timeout,
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

function fail(err: NodeJS.ErrnoException): never {
  const why = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ECONNRESET: `${server} reset the connection`,
  }[err.code ?? ''];
  exit(1, `${why ?? `cannot talk to ${server}: ${err.message}`} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
