// UDP echo server: every datagram it receives goes back to its sender, byte for byte.
//
//   npx tsx examples/udp-server.ts [--host 127.0.0.1] [--port 12000]
//
// Stop it with Ctrl+C.
// #region socket
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// One datagram socket (SOCK_DGRAM) receives the datagrams of every client.
const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
// #endregion socket

// #region echo
socket.on('message', (message, sender) => {
  const from = `${sender.address}:${sender.port}`;
  const text = message.toString('utf8'); // bytes that are not UTF-8 show as �
  console.log(
    `${message.length} bytes from ${from}: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`,
  );
  // Send the same bytes back to the address and port they came from.
  socket.send(message, sender.port, sender.address, (err) => {
    if (err) console.log(`could not reply to ${from}: ${err.message}`);
  });
});
// #endregion echo

// #region bind
// bind() says it worked with 'listening', or it failed with 'error': EADDRINUSE when another
// socket holds the port. Nothing here listens for that error: it ends the program, in one line.
socket.bind(port, host);
socket.on('listening', () => {
  console.log(`udp server listening on ${host}:${socket.address().port}`);
});
// #endregion bind

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): close the socket, exit 0.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}
// #endregion stop

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/udp-server.ts [--host ADDRESS] [--port 0-65535]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
