// A TCP client that writes after the server has closed the connection, twice.
//
//   npx tsx examples/late-client.ts [--host 127.0.0.1] [--port 12000] [--pause 300] [--timeout 5000]
//
// It connects, sends nothing and waits for the server to close (a server with an idle timeout:
// npx tsx examples/tcp-server.ts --idle 500). Then it writes "first" and "second", each one
// --pause ms after the last event. Exit 1 when a write fails (or after --timeout ms without a FIN).
// #region connect
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port, pause, timeout } = commandLine(); // the options, read at the end of this file
const server = `${host}:${port}`;

// allowHalfOpen: the server's FIN does not make Node end our side: we may still write.
const socket = net.connect({ port, host, allowHalfOpen: true }, () => {
  console.log(`connected to ${server}; waiting for the server to close`);
});
socket.setTimeout(timeout, () => {
  console.error(`${server} did not close within ${timeout} ms`);
  process.exit(1);
});
socket.resume(); // read (nothing is expected), so that the FIN is seen
// #endregion connect

// #region write
// A write that fails is also an 'error' on the socket, and nothing here listens for it:
// the first error (EPIPE, ECONNRESET…) ends the program, in one line.
socket.on('end', async () => {
  console.log("'end': the server sent FIN, it will send nothing more");
  for (const word of ['first', 'second']) {
    await sleep(pause); // time for the packets in flight (the server's answer to the last write)
    socket.write(`${word}\n`, (err) => {
      if (!err) console.log(`write "${word}": no error, the kernel took ${word.length + 1} bytes`);
    });
  }
  await sleep(pause);
  socket.destroy(); // (on a system where the second write worked too)
});
// #endregion write

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/late-client.ts [--host ADDRESS] [--port 1-65535] [--pause MS] [--timeout MS]';
  process.on('uncaughtException', (err: Error & { errors?: Error[] }) =>
    exit(1, err.errors?.map((e) => e.message).join('; ') ?? err.message),
  );
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, pause: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', pause = '300', timeout = '5000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^\d{1,5}$/.test(pause)) throw new Error('invalid --pause');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    return { host, port: Number(port), pause: Number(pause), timeout: Number(timeout) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
