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
