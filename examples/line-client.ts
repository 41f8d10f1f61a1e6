// A TCP client that sends lines, then says it has finished, and prints the answer.
//
//   npx tsx examples/line-client.ts [--host 127.0.0.1] [--port 12000] [--byte-by-byte] [--timeout 3000] LINE...
//
// Each LINE goes out followed by "\n". Then the client calls end(): TCP sends FIN, "I will
// send nothing more", and the client reads on until the server closes its side too. With
// --byte-by-byte it writes one byte at a time, 10 ms apart, each in a packet of its own.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port, lines, byteByByte, timeout } = commandLine(); // the options and LINEs, read at the end of this file
const server = address(host, port);

// #region send
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
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/line-client.ts [--host ADDRESS] [--port 1-65535] [--byte-by-byte] [--timeout MS] LINE...';
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: {
      host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' },
      'byte-by-byte': { type: 'boolean' }, timeout: { type: 'string', default: '3000' }, help: { type: 'boolean' },
    } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const [port, timeout] = [Number(values.port), Number(values.timeout)];
    if (!/^\d{1,5}$/.test(values.port) || port < 1 || port > 65535) throw new Error(`invalid port "${values.port}": use 1 to 65535`);
    if (!/^\d{1,6}$/.test(values.timeout) || timeout < 1 || timeout > 600_000) throw new Error(`invalid timeout "${values.timeout}": use 1 to 600000 (ms)`);
    if (positionals.length === 0) throw new Error('missing LINE');
    if (positionals.some((line) => line.includes('\n'))) throw new Error('a LINE cannot contain a newline');
    return { host: values.host, port, lines: positionals, byteByByte: values['byte-by-byte'] ?? false, timeout };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ECONNRESET: `${server} reset the connection`,
    ENOTFOUND: `cannot connect to ${server}: unknown host "${host}"`,
  };
  console.error(`${why[err.code!] ?? `cannot talk to ${server}: ${err.message}`} (${err.code})`);
  process.exit(1);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
