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
  // Bytes -> text (UTF-8) -> upper case -> bytes. "á" is two bytes, and upper-casing
  // them one by one would miss it: only the decoded text knows it is one letter.
  const reply = Buffer.from(message.toString('utf8').toUpperCase(), 'utf8');
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
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return { host: values.host, port: Number(values.port) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}
// #endregion cli
