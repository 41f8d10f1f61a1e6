// UDP echo server: every datagram it receives goes back to its sender, byte for byte.
//
//   npx tsx examples/udp-server.ts [--host 127.0.0.1] [--port 12000]
//
// Stop it with Ctrl+C.
// #region socket
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// One datagram socket (SOCK_DGRAM) receives the datagrams of every client.
const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
// #endregion socket

// #region echo
socket.on('message', (message, sender) => {
  const from = address(sender.address, sender.port);
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
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/udp-server.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return { host: values.host, port: number('port', values.port, 0, 65535) };
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
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
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
