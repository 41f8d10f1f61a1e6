// Exercise tcp-ack: a TCP server that acknowledges every line, and hangs up on silent clients.
//
//   npx tsx examples/exercises/tcp-ack/server.ts [--host 127.0.0.1] [--port 12000] [--idle 1000]
//   npm run check -- tcp-ack
//
// Each line a client sends ("pay 10\n") gets "ok N\n", N counting that connection's lines from 1.
// A client that sends nothing for --idle ms is closed (by hand, try --idle 10000).
// server.ts is the starter: change the region "ack" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, idle } = commandLine(); // --host, --port and --idle, read at the end of this file

// #region ack
// TODO: responda "ok N\n" a cada linha completa (N conta as linhas da conexão) e feche quem ficar --idle ms calado.
// TODO: answer "ok N\n" to each whole line (N counts the connection's lines) and close a client silent for --idle ms.
const server = net.createServer((socket) => {
  socket.on('error', () => {}); // a client that vanishes only ends its own connection
  socket.on('data', () => {
    socket.write('ok\n'); // one "ok" per chunk: but a chunk is not a line
  });
});
// #endregion ack

server.listen(port, host, () => {
  console.log(
    `ack server (idle ${idle} ms) listening on ${host}:${(server.address() as net.AddressInfo).port}`,
  );
});
// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535] [--idle MS]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, idle: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', idle = '1000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,6}$/.test(idle)) throw new Error('invalid --idle');
    return { host, port: Number(port), idle: Number(idle) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
