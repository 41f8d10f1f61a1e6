// Exercise tcp-upper: a TCP server that answers in capital letters, a whole stream of them.
//
//   npx tsx examples/exercises/tcp-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-upper
//
// server.ts is the starter: change the region "upper" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const server = net.createServer((socket) => {
  console.log(
    `connection ${address(socket.remoteAddress, socket.remotePort)} -> ${address(socket.localAddress, socket.localPort)}`,
  );
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  // #region upper
  // TODO: responda em maiúsculas TODOS os pedaços, até o half-close do cliente, sem partir um "ç" cortado entre dois.
  // TODO: answer EVERY chunk in capitals, until the client half-closes, without breaking a "ç" cut between two chunks.
  socket.once('data', (chunk: Buffer) => {
    socket.end(chunk.toString('utf8').toUpperCase());
  });
  // #endregion upper
});

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `tcp server listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/exercises/tcp-upper/server.ts (or solution.ts) [--host ADDRESS] [--port 0-65535]';
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
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
