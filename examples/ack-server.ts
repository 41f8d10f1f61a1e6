// A TCP server that acknowledges every line it has read: "pay 10" -> "ok 1".
//
//   npx tsx examples/ack-server.ts [--host 127.0.0.1] [--port 12000] [--deaf] [--keepalive MS]
//
// --deaf: it never reads. --keepalive MS: TCP keepalive, first probe after MS ms idle. Ctrl+C stops it.
// #region server
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, deaf, keepalive } = commandLine(); // the options, read at the end of this file

// pauseOnConnect: each connection starts paused. A deaf server never resumes it: it never reads.
const server = net.createServer({ pauseOnConnect: deaf }, (socket) => {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${peer} connected${deaf ? ': it will never be read' : ''}`);
  socket.on('error', (err) => console.log(`${peer} error: ${err.message}`));
  // #region keepalive
  if (keepalive > 0) socket.setKeepAlive(true, keepalive); // off unless asked for
  // #endregion keepalive
  if (!deaf) acknowledge(socket, peer);
});
// #endregion server

// #region ack
function acknowledge(socket: net.Socket, peer: string) {
  let pending = ''; // what came after the last "\n": the start of a line
  let count = 0;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      count += 1;
      // A real server would store the line here; only then is "ok" true.
      console.log(`${peer} line ${count}: ${JSON.stringify(line)}, answering "ok ${count}"`);
      socket.write(`ok ${count}\n`);
    }
    if (pending.length > 65536) socket.destroy(new Error('a line longer than 65536 characters'));
    if (socket.writableLength > 65536) socket.pause(); // a client that does not read our answers
  });
  socket.on('drain', () => socket.resume());
  // … and then the end of the stream:
  // #endregion ack
  // #region end
  socket.on('end', () => {
    // the client's FIN
    if (pending)
      console.log(
        `${peer} 'end' after ${JSON.stringify(pending)}: a line without its "\\n", cut short`,
      );
  });
  // #endregion end
}

// #region listen
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`ack server${deaf ? ' (deaf)' : ''} listening on ${host}:${bound}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion listen

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/ack-server.ts [--host ADDRESS] [--port 0-65535] [--deaf] [--keepalive MS]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, deaf: flag, keepalive: text, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', deaf = false, keepalive = '0' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^\d{1,7}$/.test(keepalive)) throw new Error('invalid --keepalive');
    return { host, port: Number(port), deaf, keepalive: Number(keepalive) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
