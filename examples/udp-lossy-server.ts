// A UDP echo server that loses datagrams on purpose, so that you can watch a client cope
// with loss. Deterministic: it drops the first --drop datagrams it receives; with
// --drop-replies it also handles the next requests but throws their replies away.
//
//   npx tsx examples/udp-lossy-server.ts [--host 127.0.0.1] [--port 12000] [--drop 1] [--drop-replies 0]
//
// Stop it with Ctrl+C.
// #region lose
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, drop, dropReplies } = commandLine(); // --host, --port, --drop, --drop-replies: read at the end of this file

const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
let received = 0; // datagrams so far
let handled = 0; // requests handled so far
socket.on('message', (message, sender) => {
  received += 1;
  const from = `${sender.address}:${sender.port}`;
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
socket.bind(port, host);
socket.on('listening', () => {
  console.log(`udp lossy server listening on ${host}:${socket.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}
// #endregion serve

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/udp-lossy-server.ts [--host ADDRESS] [--port 0-65535] [--drop N] [--drop-replies N]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, drop: text, 'drop-replies': text, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', drop = '1' } = values;
    const dropReplies = values['drop-replies'] ?? '0';
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^\d{1,6}$/.test(drop)) throw new Error('invalid --drop');
    if (!/^\d{1,6}$/.test(dropReplies)) throw new Error('invalid --drop-replies');
    return { host, port: Number(port), drop: Number(drop), dropReplies: Number(dropReplies) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
