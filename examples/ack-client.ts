// A TCP client that sends one message and waits for the server's acknowledgement, a line back.
//
//   npx tsx examples/ack-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 3000] MESSAGE
//
// No connection, or no answer, within --timeout ms: one line on stderr, exit 1.
// #region connect
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = `${host}:${port}`;

const socket = net.connect(port, host, () => {
  console.log(`connected to ${server}`);
  socket.write(`${message}\n`, (err) => {
    // Called once our kernel has the bytes. It says nothing about the server.
    if (!err) console.log(`write callback: ${socket.bytesWritten} bytes handed to the kernel`);
  });
});
// #endregion connect

// #region ack
// The server's answer is the only proof that its program read the message.
let answer = '';
socket.setEncoding('utf8');
socket.on('data', (text: string) => {
  answer += text;
  if (!answer.includes('\n')) return; // not a whole line yet
  console.log(`the server answered ${JSON.stringify(answer.slice(0, answer.indexOf('\n')))}`);
  socket.destroy(); // we have what we came for
});
// #endregion ack

// #region timeout
// 'timeout' fires after --timeout ms without a byte in either direction. It closes nothing:
// deciding what silence means, and closing, is up to us.
socket.setTimeout(timeout, () => {
  console.error(
    socket.connecting
      ? `could not connect to ${server} within ${timeout} ms`
      : `no answer from ${server} within ${timeout} ms: did "${message}" arrive? No way to know`,
  );
  process.exit(1);
});
// #endregion timeout

// #region errors
// A server that closes without answering is a failure too. Any other error (ECONNREFUSED,
// ECONNRESET…) has no listener here: it ends the program with Node's one-line message.
socket.on('end', () => {
  console.error(`${server} closed the connection without answering`);
  process.exit(1);
});
// #endregion errors

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/ack-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] MESSAGE';
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
    const { host = '127.0.0.1', port = '12000', timeout = '3000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    if (positionals.length !== 1) throw new Error('give one MESSAGE (in quotes if it has spaces)');
    return { host, port: Number(port), timeout: Number(timeout), message: positionals[0] };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
