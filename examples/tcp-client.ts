// TCP client: connects, sends MESSAGE (or what you type or pipe in, until Ctrl+D), half-closes,
// prints everything that comes back, and ends when the server closes.
//
//   npx tsx examples/tcp-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 5000] [MESSAGE]
//
// It gives up (exit 1) after --timeout ms of silence while connecting or once all is sent.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = address(host, port);

// #region connect
// socket() + connect(): the system picks our port and runs the three-way
// handshake (SYN, SYN-ACK, ACK); then 'connect' fires.
const socket = net.connect(port, host, () => {
  console.log(`connected from ${address(socket.localAddress, socket.localPort)} to ${server}`);
  send();
});
// #endregion connect

// #region send
function send() {
  if (message !== undefined) {
    socket.write(message);
    socket.end(); // half-close (FIN): "nothing more from me"; we still read
  } else {
    process.stdin.pipe(socket); // pipe() calls end() when the input ends
  }
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
  console.log(`sent ${socket.bytesWritten} bytes, received ${socket.bytesRead} bytes; the server closed the connection`);
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
// Any failure ends the program with one line and exit code 1: ECONNREFUSED when
// nothing listens there (our SYN got a RST back), ECONNRESET when the server breaks off.
socket.on('error', fail);
// #endregion errors

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/tcp-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [MESSAGE]';
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: {
      host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' },
      timeout: { type: 'string', default: '5000' }, help: { type: 'boolean' },
    } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const [port, timeout] = [Number(values.port), Number(values.timeout)];
    if (!/^\d{1,5}$/.test(values.port) || port < 1 || port > 65535) throw new Error(`invalid port "${values.port}": use 1 to 65535`);
    if (!/^\d{1,6}$/.test(values.timeout) || timeout < 1 || timeout > 600_000) throw new Error(`invalid timeout "${values.timeout}": use 1 to 600000 (ms)`);
    return { host: values.host, port, timeout, message: positionals.length > 0 ? positionals.join(' ') : undefined };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ECONNRESET: `the server at ${server} broke off the connection`,
    EPIPE: `the server at ${server} broke off the connection`,
    ENOTFOUND: `cannot connect to ${server}: unknown host "${host}"`,
  };
  console.error(`${why[err.code!] ?? `cannot talk to ${server}: ${err.message}`} (${err.code})`);
  process.exit(1);
}

// (A socket reset before we look at it may no longer know its addresses: '?'.)
function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
