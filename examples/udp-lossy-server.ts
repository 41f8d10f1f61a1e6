// A UDP echo server that loses datagrams on purpose, so that you can watch a client cope
// with loss. Deterministic: it drops the first --drop datagrams it receives; with
// --drop-replies it also handles the next requests but throws their replies away.
//
//   npx tsx examples/udp-lossy-server.ts [--host 127.0.0.1] [--port 12000] [--drop 1] [--drop-replies 0]
//
// Stop it with Ctrl+C.
// #region lose
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, drop, dropReplies } = commandLine(); // --host, --port, --drop, --drop-replies: read at the end of this file

const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
let received = 0; // datagrams so far
let handled = 0; // requests handled so far
socket.on('message', (message, sender) => {
  received += 1;
  const from = address(sender.address, sender.port);
  const text = message.toString('utf8'); // bytes that are not UTF-8 show as �
  const what = `#${received} from ${from}: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`;
  if (received <= drop) {
    console.log(`${what}, dropped on purpose`); // as if the network had lost it
    return;
  }
  handled += 1;
  if (handled <= dropReplies) {
    console.log(`${what}, handled, but the reply is dropped on purpose`);
    return;
  }
  console.log(`${what}, echoed`);
  socket.send(message, sender.port, sender.address, (err) => {
    if (err) console.log(`could not reply to ${from}: ${err.message}`);
  });
});
// #endregion lose

// #region serve
// The rest is the echo server's: bind, then Ctrl+C (SIGINT) or SIGTERM closes the socket, exit 0.
socket.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
socket.bind(port, host, () => {
  console.log(`udp lossy server listening on ${address(host, socket.address().port)}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}
// #endregion serve

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/udp-lossy-server.ts [--host ADDRESS] [--port 0-65535] [--drop N] [--drop-replies N]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        help: { type: 'boolean' },
        drop: { type: 'string', default: '1' },
        'drop-replies': { type: 'string', default: '0' },
      },
    });
    if (values.help) exit(0, usage);
    return {
      host: values.host,
      port: number('port', values.port, 0, 65535),
      drop: number('--drop', values.drop, 0, 100_000),
      dropReplies: number('--drop-replies', values['drop-replies'], 0, 100_000),
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
