// UDP client: sends one datagram to a server and prints the reply.
//
//   npx tsx examples/udp-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 2000] MESSAGE
//
// UDP tells nobody when a datagram is lost, so the client waits for the reply
// only --timeout milliseconds, then gives up with exit code 1.
// #region socket
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, message } = commandLine(); // --host, --port, --timeout, MESSAGE: read at the end of this file
const server = address(host, port); // "127.0.0.1:12000", or "[::1]:12000" on IPv6

// No bind(): just before the first send, Node binds the socket to port 0,
// and the kernel gives it a free (ephemeral) port.
const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
socket.on('error', (err) => fail(`cannot send to ${server}`, err));
// #endregion socket

// #region send
// One send(), one datagram. A message too big for one fails here (EMSGSIZE).
socket.send(message, port, host, (err) => {
  if (err) fail(`cannot send to ${server}`, err);
  const local = socket.address(); // now bound: the port the OS chose
  console.log(
    `sent ${Buffer.byteLength(message)} bytes from ${address(local.address, local.port)} to ${server}`,
  );
});
// #endregion send

// #region receive
socket.on('message', (reply, sender) => {
  if (sender.port !== port) return; // a datagram from someone else: not our reply
  console.log(`received ${reply.length} bytes back: ${reply.toString('utf8')}`);
  clearTimeout(timer);
  socket.close(); // nothing left to wait for: the program ends
});
// #endregion receive

// #region timeout
// Silence is all UDP gives when a datagram is lost: stop waiting after --timeout ms.
const timer = setTimeout(() => {
  console.error(`no reply from ${server} after ${timeout} ms (is a server running there?)`);
  process.exit(1);
}, timeout);
// #endregion timeout

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/udp-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] MESSAGE';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        timeout: { type: 'string', default: '2000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    return {
      host: values.host,
      port: number('port', values.port, 1, 65535),
      timeout: number('timeout', values.timeout, 1, 600_000),
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
    EMSGSIZE: 'too big for one datagram, at most 65507 bytes on IPv4 and 65527 on IPv6',
    ENOTFOUND: `unknown host "${host}"`,
    EACCES: 'sending to a broadcast address needs setBroadcast(true)',
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
