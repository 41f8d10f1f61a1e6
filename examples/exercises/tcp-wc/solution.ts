// Exercise tcp-wc: a TCP server that counts what the client sends, like `wc -l -c`.
//
//   npx tsx examples/exercises/tcp-wc/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-wc
//
// The client sends anything, then half-closes (end(): FIN). Only then does the server
// know the totals, and it answers "lines: 2, bytes: 8\n" for "um\ndois\n".
// server.ts is the exercise; solution.ts is the same file, solved: only the region "wc" differs.
// Stop it with Ctrl+C.
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// #region wc
// allowHalfOpen: true = the client's FIN closes its direction only; ours stays open for the answer.
const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  let bytes = 0;
  let lines = 0;
  socket.on('data', (chunk: Buffer) => {
    bytes += chunk.length; // bytes, not characters: no decoding at all
    for (const byte of chunk) if (byte === 10) lines += 1; // "\n" is byte 10, wherever the chunks are cut
  });

  try {
    await once(socket, 'end'); // the client's FIN: everything has arrived
  } catch {
    return; // the connection failed first
  }
  socket.write(`lines: ${lines}, bytes: ${bytes}\n`);
  socket.end(); // our FIN: the answer is complete
});
// #endregion wc

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `wc server listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/exercises/tcp-wc/server.ts [--host ADDRESS] [--port 0-65535]';
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

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
