// UDP echo server: every datagram it receives goes back to its sender, byte for byte.
//
//   npx tsx examples/udp-server.ts [--host 127.0.0.1] [--port 12000]
//
// Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// #region socket
// One datagram socket (SOCK_DGRAM) receives the datagrams of every client.
const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
// #endregion socket

// #region echo
socket.on('message', (message, sender) => {
  const from = address(sender.address, sender.port);
  const text = message.toString('utf8'); // bytes that are not UTF-8 show as �
  console.log(`${message.length} bytes from ${from}: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`);
  // Send the same bytes back to the address and port they came from.
  socket.send(message, sender.port, sender.address, (err) => {
    if (err) console.log(`could not reply to ${from}: ${err.message}`);
  });
});
// #endregion echo

// #region bind
// bind() fails with an 'error' event: EADDRINUSE when another socket holds the port.
socket.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
socket.bind(port, host, () => {
  console.log(`udp server listening on ${address(host, socket.address().port)}`);
});
// #endregion bind

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): close the socket, exit 0.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}
// #endregion stop

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/udp-server.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return { host: values.host, port: Number(values.port) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
    ENOTFOUND: `unknown host "${host}"`,
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}

function address(host: string, port: number) {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
