// Exercise udp-parts (lesson udp/datagram-size): a UDP server that counts to N, in datagrams small enough for any network.
//
//   npx tsx examples/exercises/udp-parts/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-parts        (checks server.ts; add --file FILE to check another file)
//
// A client sends a number N ("1000"); the answer is the text "1\n2\n3\n…N\n". Every datagram of the
// answer starts with a line "PART/TOTAL" ("1/4", "2/4"…), so that the client can put the parts back
// in order. The goal: at most 1200 bytes per datagram, header included.
// server.ts is the starter: the work goes in its region "reply", where the TODO is.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
const MAX_DATAGRAM = 1200; // bytes, header included
const MAX_N = 100_000;

const socket = dgram.createSocket('udp4');

/** "1\n2\n…\nN\n" as bytes. */
function countTo(n: number): Buffer {
  let text = '';
  for (let i = 1; i <= n; i++) text += `${i}\n`;
  return Buffer.from(text, 'utf8');
}

socket.on('message', (message, sender) => {
  const request = message.toString('utf8').trim();
  const send = (datagram: Buffer) =>
    socket.send(datagram, sender.port, sender.address, (err) => {
      if (err) console.error(`could not send ${datagram.length} bytes: ${err.message}`);
    });
  if (!/^\d{1,6}$/.test(request) || Number(request) > MAX_N) {
    send(Buffer.from(`1/1\nerror: send a whole number from 0 to ${MAX_N}\n`));
    return;
  }
  const body = countTo(Number(request));
  console.log(
    `asked for ${request}: ${body.length} bytes to send, at most ${MAX_DATAGRAM} per datagram`,
  );
  // #region reply
  // Room for the header "PART/TOTAL\n": 20 bytes is plenty.
  const pieceSize = MAX_DATAGRAM - 20;
  // At least one datagram, even for an empty answer ("0").
  const total = Math.max(1, Math.ceil(body.length / pieceSize));
  for (let part = 1; part <= total; part++) {
    const start = (part - 1) * pieceSize;
    const piece = body.subarray(start, start + pieceSize);
    send(Buffer.concat([Buffer.from(`${part}/${total}\n`), piece]));
  }
  // #endregion reply
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
