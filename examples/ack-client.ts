// A TCP client that sends one message and waits for the server's acknowledgement, a line back.
//
//   npx tsx examples/ack-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 3000] MESSAGE
//
// No connection, or no answer, within --timeout ms: one line on stderr, exit 1.
// #region connect
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = address(host, port);

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
  if (socket.connecting) exit(1, `could not connect to ${server} within ${timeout} ms`);
  exit(1, `no answer from ${server} within ${timeout} ms: did "${message}" arrive? No way to know`);
});
// #endregion timeout

// #region errors
socket.on('end', () => exit(1, `${server} closed the connection without answering`));
socket.on('error', (err: NodeJS.ErrnoException) => {
  const why = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ECONNRESET: `${server} reset the connection`,
  }[err.code ?? ''];
  exit(1, `${why ?? `cannot talk to ${server}: ${err.message}`} (${err.code})`);
});
// #endregion errors

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/ack-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] MESSAGE';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        timeout: { type: 'string', default: '3000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (positionals.length !== 1) throw new Error('give one MESSAGE (in quotes if it has spaces)');
    const [port, timeout] = [
      number('port', values.port, 1, 65535),
      number('timeout', values.timeout, 1, 600_000),
    ];
    return { host: values.host, port, timeout, message: positionals[0] };
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

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
