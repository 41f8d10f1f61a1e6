// UDP "who am I?" server: to every datagram it answers with the address and port it came from,
// as this server sees them. Behind a NAT, that is the router's address, not the sender's own:
// what a STUN server tells a program that wants to know how the internet sees it.
//
//   npx tsx examples/whoami-server.ts [--host 127.0.0.1] [--port 12000]
//
// Stop it with Ctrl+C.
// #region answer
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');

// The sender's address and port are the ones in the datagram's headers as it arrived here: the
// last NAT on its way wrote them. The answer goes back to that address and port, and that NAT
// passes it on to the sender.
socket.on('message', (_message, sender) => {
  const seen = net.isIPv6(sender.address)
    ? `[${sender.address}]:${sender.port}`
    : `${sender.address}:${sender.port}`;
  console.log(`a datagram from ${seen}`);
  socket.send(`you are ${seen}`, sender.port, sender.address, (err) => {
    if (err) console.log(`could not answer ${seen}: ${err.message}`);
  });
});

socket.bind(port, host);
socket.on('listening', () => {
  console.log(`whoami server listening on ${host}:${socket.address().port}`);
});

// Ctrl+C (SIGINT) or a polite kill (SIGTERM): close the socket, exit 0.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}
// #endregion answer

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/whoami-server.ts [--host ADDRESS] [--port 0-65535]';
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
