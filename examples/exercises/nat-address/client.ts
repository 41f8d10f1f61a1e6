// Exercise nat-address: how does the internet see this program? It asks a "who am I?" server
// (examples/whoami-server.ts), which answers "you are ADDRESS:PORT", and compares that with the
// address and port its own datagram left from. One line on stdout (exit 0):
//
//   192.168.0.10:41234 is seen as 203.0.113.1:20517: behind a NAT
//   203.0.113.80:41234 is seen as 203.0.113.80:41234: no NAT
//
// No answer within --timeout ms (or an error such as ECONNREFUSED): one line on stderr, exit 1.
//
//   npx tsx examples/exercises/nat-address/client.ts [--host 127.0.0.1] [--port 12000] [--timeout 1000]
//   sudo npm run check -- nat-address
//
// client.ts is the starter: change the region "ask" until the check passes.
// solution.ts is the same program with one solution in that region.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout } = commandLine(); // --host, --port and --timeout, read at the end of this file
const socket = dgram.createSocket('udp4');

// #region ask
// TODO: conecte o socket (connect) antes de enviar, para que o kernel escolha o endereço local de verdade; espere a resposta no máximo --timeout ms; compare ENDEREÇO:PORTA dos dois lados e escreva a linha do comentário no topo do arquivo.
// TODO: connect the socket before sending, so that the kernel picks the real local address; wait for the answer --timeout ms at most; compare "ADDRESS:PORT" on both sides and write "… is seen as …: behind a NAT" or "…: no NAT".
socket.send('who am I?', port, host);
socket.once('message', (reply) => {
  const local = socket.address();
  console.log(`${local.address}:${local.port} is seen as ${reply.toString('utf8')}`);
  socket.close();
});
// #endregion ask

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles (ECONNREFUSED, say): one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '1000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    return { host, port: Number(port), timeout: Number(timeout) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
