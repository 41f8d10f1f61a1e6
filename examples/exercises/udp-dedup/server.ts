// Exercise udp-dedup (lesson udp/loss-and-retries): a UDP piggy bank that must not count a retried deposit twice.
//
//   npx tsx examples/exercises/udp-dedup/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-dedup        (checks server.ts; add --file FILE to check another file)
//
// A client sends "ID AMOUNT", e.g. "a1 10": a deposit of 10, with an ID the client made up for this
// one deposit; the answer is "a1: total 10". A client that hears nothing sends the same datagram
// again, with the same ID. The goal: a repeated ID gets the same answer again, and the total stays.
// server.ts is the starter: the work goes in its region "deposit", where the TODO is.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
const REMEMBER = 1000; // how many answers to keep; older IDs are forgotten

const socket = dgram.createSocket('udp4');
let total = 0;
const answers = new Map<string, string>(); // ID -> the answer sent for it

socket.on('message', (message, sender) => {
  const send = (text: string) => socket.send(Buffer.from(text), sender.port, sender.address);
  const request = /^(\S{1,64}) (\d{1,9})$/.exec(message.toString('utf8').trim());
  if (!request) {
    send('error: send "ID AMOUNT", for example "a1 10"');
    return;
  }
  const [, id, amount] = request;
  // #region deposit
  // TODO: um ID repetido recebe de novo a resposta guardada, sem somar; guarde no máximo REMEMBER respostas.
  // TODO: a repeated ID gets its stored answer again, adding nothing; keep at most REMEMBER answers.
  total += Number(amount);
  const answer = `${id}: total ${total}`;
  // #endregion deposit
  console.log(`${id} +${amount}, ${answer} (answers remembered: ${answers.size}/${REMEMBER})`);
  send(answer);
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
