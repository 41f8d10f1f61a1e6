// TCP client: sends MESSAGE (or what you type, until Ctrl+D), half-closes, and prints the reply until the server closes.
//
//   npx tsx examples/tcp-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 5000] [MESSAGE]
// #region connect
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = address(host, port);

// socket() + connect(): the system picks our port and runs the handshake (SYN, SYN-ACK, ACK).
const socket = net.connect(port, host, () => {
  console.log(`connected from ${address(socket.localAddress, socket.localPort)} to ${server}`);
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

// #region errors
// Any failure: one line, exit code 1 (ECONNREFUSED: our SYN got a RST back; ECONNRESET: the server broke off).
socket.on('error', fail);
// #endregion errors

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/tcp-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [MESSAGE]';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        timeout: { type: 'string', default: '5000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    const message = positionals.length > 0 ? positionals.join(' ') : undefined;
    return {
      host: values.host,
      port: number('port', values.port, 1, 65535),
      timeout: number('timeout', values.timeout, 1, 600_000),
      message,
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
  const broke = `the server at ${server} broke off the connection`;
  const why = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ECONNRESET: broke,
    EPIPE: broke,
  }[err.code ?? ''];
  exit(1, `${why ?? `cannot talk to ${server}: ${err.message}`} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
