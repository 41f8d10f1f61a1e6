// destroy() closes a socket in both directions at once. What it puts on the wire depends on what
// is left unread: nothing → FIN, and the other end sees 'end'; bytes still waiting in the kernel's
// receive buffer → RST (on Linux), and the other end sees ECONNRESET. One program plays both ends.
//
//   npx tsx examples/destroy-unread.ts [--host 127.0.0.1] [--port 0]
// #region setup
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port (default 0: any free port), read at the end of this file

// The accepted sockets start paused: Node reads nothing from them until resume().
const server = net.createServer({ pauseOnConnect: true });
// #endregion setup

// #region experiment
// A client writes 6 bytes; the server reads them, or not, and then calls destroy().
async function experiment(read: boolean) {
  const client = net.connect((server.address() as net.AddressInfo).port, host);
  const [socket] = (await once(server, 'connection')) as [net.Socket];
  await new Promise((written) => client.write('hello\n', written)); // in the client's kernel now
  await sleep(100); // and, on loopback, long since in the server's receive buffer
  if (read) {
    socket.resume(); // now Node reads them
    await once(socket, 'data');
  }
  const seen = new Promise<string>((resolve) => {
    client.once('end', () => resolve("'end' (the server sent FIN)"));
    client.once('error', (err: NodeJS.ErrnoException) =>
      resolve(`${err.code} (the server sent RST)`),
    );
  });
  socket.destroy();
  console.log(
    `the server ${read ? 'read the 6 bytes' : 'left the 6 bytes unread'} and called destroy()`,
  );
  console.log(`the client got ${await seen}`);
  client.destroy();
}
// #endregion experiment

// #region run
server.listen(port, host, async () => {
  await experiment(true);
  console.log('');
  await experiment(false);
  server.close();
});
// #endregion run

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/destroy-unread.ts [--host ADDRESS] [--port 0-65535]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '0' } = values;
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
