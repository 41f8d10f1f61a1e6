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
import net, { isIPv6 } from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
main(); // the steps below wait for one another, as in examples/ports.ts
async function main() {
  const server = net.createServer().listen(port, host);
  await once(server, 'listening').catch((err) =>
    fail(`cannot listen on TCP ${address(host, port)}`, err),
  );
  const chosen = (server.address() as net.AddressInfo).port; // the real number, even with --port 0
  // #region udp
  const udp = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4'); // created, but bound to no port yet
  udp.bind(chosen, host); // the number TCP got, in the other protocol: no conflict
  await once(udp, 'listening').catch((err) =>
    fail(`cannot bind UDP to ${address(host, chosen)}`, err),
  );
  console.log(`tcp and udp listening on ${address(host, chosen)}`);
  // #endregion udp
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(0)); // exiting closes every socket
}

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
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
