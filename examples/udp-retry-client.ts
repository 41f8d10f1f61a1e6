// UDP client that retries: it sends MESSAGE, waits --timeout ms for the reply, then tries again, twice as long each time.
//
//   npx tsx examples/udp-retry-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 200] [--retries 3] [--connect] MESSAGE
// #region socket
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, retries, connect, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = `${host}:${port}`;

// One socket, so one local port, for every attempt: a late reply to attempt 1 still counts.
const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
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
// On a connected socket, a datagram that reached nobody comes back as an 'error': ECONNREFUSED.
socket.on('error', (err) => {
  console.error(err.message); // "recvmsg ECONNREFUSED": it arrives when the socket reads
  process.exit(1);
});
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
  // A send() that fails at once (EMSGSIZE: too big for one datagram) says so in its callback.
  const sent = (err: Error | null) => {
    if (err) throw err; // it will not fix itself on the next attempt: the program ends
  };
  if (connect) socket.send(message, sent);
  else socket.send(message, port, host, sent);
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
    if (err) throw err; // a host name that does not resolve (ENOTFOUND)
    const local = socket.address();
    console.log(`connected to ${server} from ${local.address}:${local.port} (nothing sent yet)`);
    sendAttempt();
  });
} else sendAttempt();
// #endregion connect

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/udp-retry-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] [--retries N] [--connect] MESSAGE';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, retries: text, connect: flag, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '200', retries = '3' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,4}$/.test(timeout)) throw new Error('invalid --timeout');
    if (!/^(\d|10)$/.test(retries)) throw new Error('invalid --retries: 0 to 10');
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    const numbers = { port: Number(port), timeout: Number(timeout), retries: Number(retries) };
    return { host, ...numbers, connect: values.connect ?? false, message: positionals.join(' ') };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
