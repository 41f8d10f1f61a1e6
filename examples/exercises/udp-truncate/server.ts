// Exercise udp-truncate (lesson beyond/mtu): a server that counts to N over UDP while the answer
// fits in one small datagram, and over TCP when it does not, as DNS does.
//
//   npx tsx examples/exercises/udp-truncate/server.ts [--host 127.0.0.1] [--port 12000]
//   sudo npm run check -- udp-truncate
//
// A client sends a number N ("1000"), in a datagram or in a line over TCP; the answer is the text
// "1\n2\n3\n…N\n". Over UDP, an answer of more than 1200 bytes does not go: the server sends the
// datagram "TRUNCATED BYTES\n" instead (BYTES: the answer's size), and the client asks again over
// TCP, on the same port number, where an answer may be of any size.
// server.ts is the starter: the work goes in its region "answer", where the TODOs are.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
const MAX_DATAGRAM = 1200; // bytes: what crosses any path in one piece
const MAX_N = 100_000;

/** The answer to a request: "1\n2\n…\nN\n", or a line that says what is wrong. */
function answer(request: string): Buffer {
  const n = request.trim();
  if (!/^\d{1,6}$/.test(n) || Number(n) > MAX_N)
    return Buffer.from(`error: send a whole number from 0 to ${MAX_N}\n`);
  let text = '';
  for (let i = 1; i <= Number(n); i++) text += `${i}\n`;
  return Buffer.from(text, 'utf8');
}

const udp = dgram.createSocket('udp4');

// #region answer
udp.on('message', (message, sender) => {
  const body = answer(message.toString('utf8'));
  console.log(`udp: ${body.length} bytes to answer ${sender.address}:${sender.port}`);
  // TODO: uma resposta de mais de MAX_DATAGRAM bytes não vai por UDP: mande o datagrama "TRUNCATED BYTES\n" no lugar dela.
  // TODO: an answer of more than MAX_DATAGRAM bytes does not go over UDP: send the datagram "TRUNCATED BYTES\n" instead.
  udp.send(body, sender.port, sender.address, (err) => {
    if (err) console.log(`could not answer: ${err.message}`);
  });
});

const tcp = net.createServer({ allowHalfOpen: true }, (socket) => {
  // TODO: leia a linha que o cliente manda (até o "\n", ou até o FIN dele), responda com o Buffer da função de resposta e feche.
  // TODO: read the request's line (up to its "\n", or to the client's FIN), answer with answer(line) and close.
  socket.destroy();
});
// #endregion answer

// UDP first; then TCP on the same port number (with --port 0, the one the system gave UDP).
udp.bind(port, host);
udp.on('listening', () => {
  const bound = udp.address().port;
  tcp.listen(bound, host, () => console.log(`udp and tcp server listening on ${host}:${bound}`));
});

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

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
