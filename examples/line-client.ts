// A TCP client that sends lines, then says it has finished (end(): FIN), and prints the answer until the
// server closes too. With --byte-by-byte it writes one byte at a time, 10 ms apart, each in a packet of its own.
//
//   npx tsx examples/line-client.ts [--host 127.0.0.1] [--port 12000] [--byte-by-byte] [--timeout 3000] LINE...
// #region send
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port, lines, byteByByte, timeout } = commandLine(); // the options and LINEs, read at the end of this file
const server = `${host}:${port}`;

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
// No answer for --timeout ms: one line, exit 1. A failure (ECONNREFUSED, ECONNRESET…) has no
// listener here: it ends the program with Node's own one-line message, exit 1 too.
socket.setTimeout(timeout, () => {
  console.error(`no answer from ${server} after ${timeout} ms`);
  process.exit(1);
});
// #endregion errors

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/line-client.ts [--host ADDRESS] [--port 1-65535] [--byte-by-byte] [--timeout MS] LINE...';
  process.on('uncaughtException', (err: Error & { errors?: Error[] }) =>
    exit(1, err.errors?.map((e) => e.message).join('; ') ?? err.message),
  );
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, 'byte-by-byte': flag, timeout: text, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '3000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    if (positionals.length === 0 || positionals.some((line) => line.includes('\n')))
      throw new Error('give one LINE or more, without newlines');
    const byteByByte = values['byte-by-byte'] ?? false;
    return { host, port: Number(port), lines: positionals, byteByByte, timeout: Number(timeout) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
