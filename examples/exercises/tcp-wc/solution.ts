// Exercise tcp-wc: a TCP server that counts what the client sends, like `wc -l -c`.
//
//   npx tsx examples/exercises/tcp-wc/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- tcp-wc
//
// The client sends anything, then half-closes (end(): FIN). Only then does the server
// know the totals, and it answers "lines: 2, bytes: 8\n" for "um\ndois\n".
// server.ts is the exercise; solution.ts is the same file, solved: only the region "wc" differs.
// Stop it with Ctrl+C.
import { once } from 'node:events';
import net from 'node:net';
import { relative } from 'node:path';
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

server.listen(port, host, () => {
  console.log(`wc server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
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
