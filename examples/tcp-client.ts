// TCP client: sends MESSAGE (or what you type, until Ctrl+D), half-closes, and prints the reply until the server closes.
//
//   npx tsx examples/tcp-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 5000] [MESSAGE]
// #region connect
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = `${host}:${port}`;

// socket() + connect(): the system picks our port and runs the handshake (SYN, SYN-ACK, ACK).
// No 'error' listener: a failure (ECONNREFUSED…) ends the program, in one line.
const socket = net.connect(port, host, () => {
  console.log(`connected from ${socket.localAddress}:${socket.localPort} to ${server}`);
  send();
});
// #endregion connect

// #region send
function send() {
  if (message === undefined)
    process.stdin.pipe(socket); // pipe() calls end() when the input ends
  else socket.end(message); // write it, then half-close (FIN): "nothing more from me"; we still read
}
// #endregion send

// #region receive
// The reply comes in chunks of any size: print each one as it arrives.
let last = 0x0a; // the last byte received: a newline?
socket.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  last = chunk[chunk.length - 1];
});
// 'close' comes once both sides have closed: the server is done.
socket.on('close', () => {
  if (message === undefined) process.stdin.destroy(); // stop reading it
  if (last !== 0x0a) process.stdout.write('\n');
  console.log(
    `sent ${socket.bytesWritten} bytes, received ${socket.bytesRead} bytes; the server closed the connection`,
  );
});
// #endregion receive

// #region timeout
// Silence is only allowed while we are still sending, at our own pace.
socket.setTimeout(timeout); // connecting
socket.on('connect', () => socket.setTimeout(0)); // sending
socket.on('finish', () => socket.setTimeout(timeout)); // all sent
socket.on('timeout', () => {
  console.error(`no answer from ${server} in ${timeout} ms: giving up`);
  process.exit(1);
});
// #endregion timeout

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/tcp-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [MESSAGE]';
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
    const { host = '127.0.0.1', port = '12000', timeout = '5000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    const message = positionals.length > 0 ? positionals.join(' ') : undefined;
    return { host, port: Number(port), timeout: Number(timeout), message };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
