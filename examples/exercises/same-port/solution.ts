// Exercise same-port (lesson basics/sockets-and-ports): one program, one port number, two protocols.
//
//   npx tsx examples/exercises/same-port/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- same-port        (checks server.ts; add --file FILE to check another file)
//
// Every TCP connection gets the line "tcp PORT" and is closed. The goal: a UDP socket bound to the
// SAME port number answers every datagram with "udp PORT".
// server.ts is the starter: the work goes in its region "udp", where the TODO is.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const server = net.createServer((socket) => {
  socket.on('error', () => {}); // a client that vanishes is not our problem
  socket.end(`tcp ${(server.address() as net.AddressInfo).port}\n`);
});

server.on('error', (err) => fail(`cannot listen on TCP ${host}:${port}`, err));
server.listen(port, host, () => {
  const chosen = (server.address() as net.AddressInfo).port; // the real number, even with --port 0
  // #region udp
  const udp = dgram.createSocket('udp4');
  udp.on('error', (err) => fail(`cannot bind UDP ${host}:${chosen}`, err));
  // Every datagram gets its answer, sent back to where it came from.
  udp.on('message', (_message, sender) => {
    udp.send(`udp ${chosen}\n`, sender.port, sender.address);
  });
  // The same number as TCP's, in the other protocol: no conflict.
  udp.bind(chosen, host, () => {
    console.log(`tcp and udp listening on ${host}:${chosen}`);
  });
  // #endregion udp
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0))); // exiting closes every other socket
}

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
  try {
    const { values } = parseArgs({ options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' }, help: { type: 'boolean' } } });
    if (values.help) exit(0, usage);
    return { host: values.host, port: number('port', values.port, 0, 65535) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = { EADDRINUSE: 'the port is already in use', EACCES: 'ports below 1024 need administrator rights', EADDRNOTAVAIL: `${host} is not an address of this machine` }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
