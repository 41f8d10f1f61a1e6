// Exercise tcp-lan: a TCP server that another machine on the network can reach, listening on one
// interface's address only, not on every interface (0.0.0.0).
//
//   npx tsx examples/exercises/tcp-lan/server.ts [--interface lo] [--port 12000]
//   sudo npm run check -- tcp-lan
//
// server.ts is the starter: change the region "address" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import os from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { iface, port } = commandLine(); // --interface and --port, read at the end of this file

// #region address
// The IPv4 address of the network interface named `name` (lo, eth0, wlan0…).
function addressOf(name: string): string {
  // TODO: procure em os.networkInterfaces() o endereço IPv4 da interface `name`; sem ele, um erro que diga qual interface falta.
  // TODO: look up the IPv4 address of interface `name` in os.networkInterfaces(); without one, an error that names the missing interface.
  return '127.0.0.1';
}
// #endregion address

// To every client it writes one line, "you are ADDRESS", and closes the connection.
const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  socket.end(`you are ${socket.remoteAddress}\n`);
});

const host = addressOf(iface);
server.listen(port, host, () => {
  console.log(`tcp server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--interface NAME] [--port 0-65535]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: {
        interface: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    const { interface: iface = 'lo', port = '12000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { iface, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
