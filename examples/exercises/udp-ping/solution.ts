// Exercise udp-ping (lesson udp/netcat): a UDP server you can talk to with netcat.
//
//   npx tsx examples/exercises/udp-ping/server.ts [--host 127.0.0.1] [--port 12000]
//   nc -u -n 127.0.0.1 12000        (type ping, then Enter)
//   npm run check -- udp-ping        (checks server.ts; add --file FILE to check another file)
//
// The goal: it answers "pong" to "ping" typed in nc, and says what it got otherwise.
// server.ts is the starter: the work goes in its region "answer", where the TODO is.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const socket = dgram.createSocket('udp4');

socket.on('message', (message, sender) => {
  const text = message.toString('utf8');
  console.log(
    `${message.length} bytes from ${sender.address}:${sender.port}: ${JSON.stringify(text)}`,
  );
  // #region answer
  // nc sends the line you typed with its newline: "ping" + Enter is "ping\n".
  const answer = text === 'ping\n' ? 'pong\n' : `unknown: ${JSON.stringify(text)}\n`;
  // #endregion answer
  socket.send(answer, sender.port, sender.address);
});

socket.bind(port, host);
socket.on('listening', () => {
  console.log(`udp server listening on ${host}:${socket.address().port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => socket.close(() => process.exit(0)));
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
