// Exercise udp-dedup: a UDP piggy bank that must not count a retried deposit twice.
//
//   npx tsx examples/exercises/udp-dedup/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-dedup     (checks this file)
//
// A client sends "ID AMOUNT", e.g. "a1 10": a deposit of 10, with an ID the
// client made up for this one deposit. The server adds AMOUNT to the total and
// answers "a1: total 10". A client that hears nothing sends the same datagram
// again, with the same ID. If only the answer was lost, today's server adds
// the deposit a second time. Change the lines marked TODO so that a repeated ID
// gets the same answer again, and the total does not change.
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/udp-dedup/server.ts [--host ADDRESS] [--port 0-65535]';
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
  // TODO: a known ID? Send its stored answer again, and stop.
  total += Number(amount);
  const answer = `${id}: total ${total}`;
  // TODO: store the answer for this ID; keep at most REMEMBER
  // answers, forgetting the oldest.
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
