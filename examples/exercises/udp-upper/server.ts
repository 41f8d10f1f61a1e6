// Exercise udp-upper (lesson udp/echo): a UDP server that answers every message in capital letters.
//
//   npx tsx examples/exercises/udp-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-upper        (checks server.ts; add --file FILE to check another file)
//
// The goal: "olá, mundo" comes back as "OLÁ, MUNDO".
// server.ts is the starter: the work goes in its region "reply", where the TODO is.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const socket = dgram.createSocket('udp4');

socket.on('message', (message, sender) => {
  console.log(`${message.length} bytes from ${sender.address}:${sender.port}`);
  // #region reply
  // TODO: transforme os bytes em texto (UTF-8), passe o texto para maiúsculas e volte para bytes.
  // TODO: turn the bytes into text (UTF-8), make the text upper case, and turn it back into bytes.
  const reply = message;
  // #endregion reply
  socket.send(reply, sender.port, sender.address);
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
