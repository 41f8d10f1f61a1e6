// Exercise udp-deliver (lesson beyond/loss): deliver every message over a network that loses
// datagrams, as TCP would. Each MESSAGE goes to an echo server as one datagram, "N MESSAGE" (N
// counts from 1), and the next leaves only once the echo of this one came back. A datagram whose
// echo does not come within --timeout ms is sent again, with twice the wait each time, at most
// --retries more times. One line per message, then "delivered K messages in D datagrams" (exit 0);
// a message that is never echoed: one line on stderr, exit 1.
//
//   npx tsx examples/exercises/udp-deliver/sender.ts [--host 127.0.0.1] [--port 12000] [--timeout 200] [--retries 5] MESSAGE...
//   sudo npm run check -- udp-deliver
//
// sender.ts is the starter: the work goes in its region "deliver", where the TODO is.
// solution.ts is the same file with that region done.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout, retries, messages } = commandLine(); // read at the end of this file
const socket = dgram.createSocket('udp4');
let sent = 0; // every datagram sent: first attempts and the ones sent again

// #region deliver
/** Send `datagram` until its echo comes back: the attempt that got it, or an Error. */
async function deliver(datagram: string): Promise<number> {
  // TODO: espere o eco deste datagrama (o mesmo texto) por no máximo --timeout ms; sem ele, envie de novo, esperando o dobro a cada vez, no máximo --retries vezes a mais; devolva a tentativa que deu certo, ou lance um Error que diga qual mensagem ficou para trás.
  // TODO: wait for the echo of this datagram (the same text) --timeout ms at most; without it, send it again, waiting twice as long each time, at most --retries more times; return the attempt that worked, or throw an Error that says which message was given up.
  socket.send(datagram, port, host);
  sent += 1;
  return 1;
}
// #endregion deliver

// One message at a time, in order: the next leaves once this one is delivered.
async function main() {
  for (const [i, message] of messages.entries()) {
    const attempt = await deliver(`${i + 1} ${message}`);
    console.log(`message ${i + 1} delivered on attempt ${attempt}`);
  }
  console.log(`delivered ${messages.length} messages in ${sent} datagrams`);
  socket.close();
}
main();

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS] [--retries N] MESSAGE...`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, retries: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '200', retries = '5' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,4}$/.test(timeout)) throw new Error('invalid --timeout');
    if (!/^(\d|10)$/.test(retries)) throw new Error('invalid --retries: 0 to 10');
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    const numbers = { port: Number(port), timeout: Number(timeout), retries: Number(retries) };
    return { host, ...numbers, messages: positionals };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
