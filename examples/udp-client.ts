// UDP client: sends one datagram to a server and prints the reply.
//
//   npx tsx examples/udp-client.ts [--host 127.0.0.1] [--port 12000] [--timeout 2000] MESSAGE
//
// UDP tells nobody when a datagram is lost, so the client waits for the reply
// only --timeout milliseconds, then gives up with exit code 1.
// #region socket
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, timeout, message } = commandLine(); // --host, --port, --timeout, MESSAGE: read at the end of this file
// An address and a port as people write them: 127.0.0.1:12000, or [::1]:12000 on IPv6.
const where = (address: string, port: number) =>
  net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
const server = where(host, port);

// No bind(): just before the first send, Node binds the socket to port 0,
// and the kernel gives it a free (ephemeral) port.
const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
// #endregion socket

// #region send
// One send(), one datagram. A message too big for one fails here (EMSGSIZE), and the program ends.
socket.send(message, port, host, (err) => {
  if (err) throw err;
  const local = socket.address(); // now bound: the port the OS chose
  console.log(
    `sent ${Buffer.byteLength(message)} bytes from ${where(local.address, local.port)} to ${server}`,
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
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/udp-client.ts [--host ADDRESS] [--port 1-65535] [--timeout MS] MESSAGE';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '2000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    return { host, port: Number(port), timeout: Number(timeout), message: positionals.join(' ') };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
