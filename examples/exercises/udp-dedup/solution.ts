// Solution of exercise udp-dedup: a UDP piggy bank that must not count a retried deposit twice.
//
//   npx tsx examples/exercises/udp-dedup/solution.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-dedup --file examples/exercises/udp-dedup/solution.ts
//
// A client sends "ID AMOUNT", e.g. "a1 10": a deposit of 10, with an ID the
// client made up for this one deposit. The server adds AMOUNT to the total and
// answers "a1: total 10". A client that hears nothing sends the same datagram
// again, with the same ID: the server answers it from memory and adds nothing.
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/udp-dedup/solution.ts [--host ADDRESS] [--port 0-65535]';
const REMEMBER = 1000; // how many answers to keep; older IDs are forgotten

let host: string;
let port: number;
try {
  const { values } = parseArgs({
    options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' } },
  });
  host = values.host;
  port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new Error(`invalid port "${values.port}"`);
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}

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
  const known = answers.get(id);
  if (known !== undefined) {
    // The same deposit again (a retry): same answer, add nothing.
    console.log(`${id} again: answered from memory`);
    send(known);
    return;
  }
  total += Number(amount);
  const answer = `${id}: total ${total}`;
  answers.set(id, answer);
  // A Map keeps insertion order: its first key is the oldest ID.
  const oldest = answers.keys().next().value!;
  if (answers.size > REMEMBER) answers.delete(oldest);
  // #endregion deposit
  console.log(`${id} +${amount}, ${answer} (answers remembered: ${answers.size}/${REMEMBER})`);
  send(answer);
});

socket.on('error', (err) => {
  console.error(`cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

socket.bind(port, host, () => {
  console.log(`udp server listening on ${host}:${socket.address().port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => socket.close(() => process.exit(0)));
}
