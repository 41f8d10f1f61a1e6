// Exercise greeter (lesson basics/node-events): a TCP server that greets every client by number.
//
//   npx tsx examples/exercises/greeter/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- greeter        (checks server.ts; add --file FILE to check another file)
//
// Each client that connects gets one line, "hello, client N", N counting from 1, and then the
// server closes that connection. server.ts is the starter: the work goes in its region "greet",
// where the TODO is. solution.ts is the same file with that region done. Stop it with Ctrl+C.
import { once } from 'node:events';
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
main(); // the steps below wait for one another: they live in an async function
async function main() {
  const server = net.createServer().listen(port, host);
  await once(server, 'listening'); // or its 'error' (EADDRINUSE…), which ends the program
  console.log(`greeter listening on ${host}:${(server.address() as net.AddressInfo).port}`);
  let clients = 0;
  // #region greet
  // TODO: só o primeiro cliente é cumprimentado, porque o await once espera uma conexão e pronto.
  // TODO: only the first client is greeted, because await once waits for one connection, and that is all.
  const [socket] = (await once(server, 'connection')) as [net.Socket];
  const n = ++clients;
  socket.on('error', (err) => console.log(`client ${n}: ${err.message}`)); // its trouble is its own
  console.log(`client ${n} connected`);
  socket.end(`hello, client ${n}\n`); // one line, then close this connection
  // #endregion greet
}

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes every socket.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

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
