// UDP client that does not give up at the first silence: it sends its message, waits
// --timeout ms for the reply, and tries again, waiting twice as long each time, --retries times.
//
//   npx tsx examples/udp-retry-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 200] [--retries 3] [--connect] MESSAGE
//
// --connect connects the socket to the server first: that sends nothing, but lets the OS
// report a closed port (ECONNREFUSED) at once. Exit code 1 when no reply comes (or refused).
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, retries, connect, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = address(host, port);

// #region socket
// One socket, and so one local port, for every attempt: a late reply to
// attempt 1 is still welcome while attempt 2 waits.
const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
socket.on('message', (reply, sender) => {
  if (sender.port !== port) return; // a datagram from someone else: not our reply
  console.log(`received ${reply.length} bytes back on attempt ${attempt}: ${reply.toString('utf8')}`);
  clearTimeout(timer);
  socket.close();
});
// #endregion socket

// #region errors
// A send() that fails ends the client: retrying would not help (EMSGSIZE…).
// On a connected socket, "port unreachable" from the other side arrives
// here too, as ECONNREFUSED. An unconnected socket is never told.
socket.on('error', (err) => fail(`cannot send to ${server}`, err));
// #endregion errors

// #region retry
const attempts = retries + 1;
let attempt = 0; // the attempt under way
let timer: NodeJS.Timeout; // when it stops waiting

function sendAttempt() {
  attempt += 1;
  // 200, 400, 800… ms: twice as long each time, up to 10 s.
  const wait = Math.min(timeout * 2 ** (attempt - 1), 10_000);
  console.log(`attempt ${attempt} of ${attempts}: sending ${Buffer.byteLength(message)} bytes to ${server}, waiting up to ${wait} ms`);
  // No callback: a failed send() is an 'error' event (see above).
  if (connect) socket.send(message);
  else socket.send(message, port, host);
  timer = setTimeout(() => {
    if (attempt < attempts) return sendAttempt();
    console.error(`no reply from ${server} after ${attempts} attempts (is a server running there?)`);
    process.exit(1);
  }, wait);
}
// #endregion retry

// #region connect
if (connect) {
  // Sends nothing: it fixes this socket's peer, picks our local address
  // and port, and from now on lets in only that peer's datagrams.
  socket.connect(port, host, () => {
    const local = socket.address();
    console.log(`connected to ${server} from ${address(local.address, local.port)} (nothing sent yet)`);
    sendAttempt();
  });
} else {
  sendAttempt();
}
// #endregion connect

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/udp-retry-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [--retries N] [--connect] MESSAGE';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' }, timeout: { type: 'string', default: '200' },
        retries: { type: 'string', default: '3' }, connect: { type: 'boolean', default: false }, help: { type: 'boolean' },
      },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const port = whole('port', values.port, 1, 65535);
    const timeout = whole('timeout', values.timeout, 1, 10_000);
    const retries = whole('retries', values.retries, 0, 10);
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    return { host: values.host, port, timeout, retries, connect: values.connect, message: positionals.join(' ') };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function whole(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    ECONNREFUSED: 'nothing is listening there',
    EMSGSIZE: 'too big for one datagram, at most 65507 bytes on IPv4 and 65527 on IPv6',
    ENOTFOUND: `unknown host "${host}"`,
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}

function address(host: string, port: number) {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
