// Exercise udp-parts: a UDP server that counts to N, in datagrams small enough
// for any network.
//
//   npx tsx examples/exercises/udp-parts/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- udp-parts     (checks this file)
//
// A client sends a number N ("1000"); the answer is the text "1\n2\n3\n…N\n".
// Every datagram of the answer starts with a line "PART/TOTAL" ("1/4", "2/4"…),
// so that the client can put the parts back in order.
// Today the whole answer goes out in ONE datagram: fine for "3", fragmented on
// a real network for "1000", and refused (EMSGSIZE) for "15000".
// Change the lines marked TODO: at most 1200 bytes per datagram, header included.
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/exercises/udp-parts/server.ts [--host ADDRESS] [--port 0-65535]';
const MAX_DATAGRAM = 1200; // bytes, header included
const MAX_N = 100_000;

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
  console.log(`asked for ${request}: ${body.length} bytes to send, at most ${MAX_DATAGRAM} per datagram`);
  // #region reply
  // TODO: cut body into pieces: no datagram (header + piece) may
  // have more than MAX_DATAGRAM bytes. Number them "1/TOTAL\n"…
  send(Buffer.concat([Buffer.from('1/1\n'), body]));
  // #endregion reply
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
