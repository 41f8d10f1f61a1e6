// Exercise same-port (lesson basics/sockets-and-ports): one program, one port number, two protocols.
//
//   npx tsx examples/exercises/same-port/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- same-port        (checks server.ts; add --file FILE to check another file)
//
// It holds a TCP server on a port: the one --port asks for, or one the system picks with --port 0.
// The goal: a UDP socket bound to the SAME number, at the same time, and only then the "listening on"
// line. The check sends no data: it tries to take that port itself, in each protocol.
// server.ts is the starter: the work goes in its region "udp", where the TODO is.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { once } from 'node:events';
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
main(); // the steps below wait for one another, as in examples/ports.ts
async function main() {
  const server = net.createServer().listen(port, host);
  await once(server, 'listening'); // or its 'error' (EADDRINUSE…), which ends the program
  const chosen = (server.address() as net.AddressInfo).port; // the real number, even with --port 0
  // #region udp
  const udp = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4'); // created, but bound to no port yet
  // TODO: faça o bind deste socket no mesmo número (chosen) e espere o 'listening' dele antes da linha abaixo.
  // TODO: bind this socket to the same number (chosen), and wait for its 'listening' before the line below.
  console.log(`tcp and udp listening on ${host}:${chosen}`);
  // #endregion udp
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(0)); // exiting closes every socket
}

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
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
