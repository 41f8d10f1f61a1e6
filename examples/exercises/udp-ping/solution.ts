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

socket.on('error', (err) => fail(`cannot listen on ${host}:${port}`, err));
socket.bind(port, host, () => {
  console.log(`udp server listening on ${host}:${socket.address().port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
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
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
