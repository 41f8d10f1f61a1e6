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
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
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
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}
// #endregion cli
