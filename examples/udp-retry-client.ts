// UDP client that retries: it sends MESSAGE, waits --timeout ms for the reply, then tries again, twice as long each time.
//
//   npx tsx examples/udp-retry-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 200] [--retries 3] [--connect] MESSAGE
// #region socket
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, retries, connect, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = address(host, port); // "127.0.0.1:12000", or "[::1]:12000" on IPv6

// One socket, so one local port, for every attempt: a late reply to attempt 1 still counts.
const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
socket.on('message', (reply, sender) => {
  if (sender.port !== port) return; // a datagram from someone else: not our reply
  console.log(
    `received ${reply.length} bytes back on attempt ${attempt}: ${reply.toString('utf8')}`,
  );
  clearTimeout(timer);
  socket.close();
});
// #endregion socket

// #region errors
socket.on('error', (err) => fail(`cannot send to ${server}`, err)); // EMSGSIZE…, or ECONNREFUSED when connected
// #endregion errors

// #region retry
const attempts = retries + 1;
let attempt = 0; // the attempt under way
let timer: NodeJS.Timeout; // when it stops waiting
function sendAttempt() {
  attempt += 1;
  const wait = Math.min(timeout * 2 ** (attempt - 1), 10_000); // 200, 400, 800… ms, up to 10 s
  console.log(
    `attempt ${attempt} of ${attempts}: sending ${Buffer.byteLength(message)} bytes to ${server}, waiting up to ${wait} ms`,
  );
  if (connect)
    socket.send(message); // no callback: a failed send() is an 'error' event (above)
  else socket.send(message, port, host);
  timer = setTimeout(() => {
    if (attempt < attempts) return sendAttempt();
    console.error(
      `no reply from ${server} after ${attempts} attempts (is a server running there?)`,
    );
    process.exit(1);
  }, wait);
}
// #endregion retry

// #region connect
if (connect) {
  // Sends nothing: it fixes the peer, picks our local address and port, lets in only the peer's datagrams.
  socket.connect(port, host, (err?: NodeJS.ErrnoException) => {
    if (err) fail(`cannot connect to ${server}`, err); // a host name that does not resolve (ENOTFOUND)
    const local = socket.address();
    console.log(
      `connected to ${server} from ${address(local.address, local.port)} (nothing sent yet)`,
    );
    sendAttempt();
  });
} else sendAttempt();
// #endregion connect

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/udp-retry-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [--retries N] [--connect] MESSAGE';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        timeout: { type: 'string', default: '200' },
        retries: { type: 'string', default: '3' },
        connect: { type: 'boolean', default: false },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    const [port, timeout, retries] = [
      number('port', values.port, 1, 65535),
      number('timeout', values.timeout, 1, 10_000),
      number('retries', values.retries, 0, 10),
    ];
    return {
      host: values.host,
      port,
      timeout,
      retries,
      connect: values.connect,
      message: positionals.join(' '),
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

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = {
    ECONNREFUSED: 'nothing is listening there',
    EMSGSIZE: 'too big for one datagram, at most 65507 bytes on IPv4 and 65527 on IPv6',
    ENOTFOUND: `unknown host "${host}"`,
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
