// Exercise length-client (lesson tcp/streams): a client for length-prefixed messages. It sends
// each MESSAGE framed (4 bytes of length, big-endian, then its UTF-8 bytes), then FIN, and prints
// each framed reply on a line of its own, however the replies are cut on the way.
//
//   npx tsx examples/exercises/length-client/client.ts [--host 127.0.0.1] [--port 12000] [--timeout 2000] MESSAGE...
//   npm run check -- length-client        (checks client.ts; add --file FILE to check another file)
//
// Try it against the server of the exercise length-upper, which answers in capitals.
// client.ts is the starter: the work goes in its region "messages", where the TODO is.
// solution.ts is the same file with that region done.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout, messages } = commandLine(); // the options and MESSAGEs, read at the end of this file
const server = `${host}:${port}`;

// #region messages
// TODO: envie cada mensagem com 4 bytes de tamanho na frente (big-endian) e depois o FIN; escreva cada resposta inteira numa linha.
// TODO: um pedaço não é uma resposta: guarde os bytes até ter uma resposta inteira, e termine depois da última (ou com um erro).
// TODO: send each message with 4 bytes of length in front (big-endian), then FIN; print each whole reply on a line.
// TODO: a chunk is not a reply: keep the bytes until a reply is whole, and end after the last one (or with an error).
const socket = net.connect(port, host, () => socket.end(messages.join(''))); // no framing yet
socket.on('data', (chunk: Buffer) => console.log(chunk.toString('utf8'))); // a chunk is not a reply
// #endregion messages

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS] MESSAGE...`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '2000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    if (positionals.length === 0) throw new Error('give one MESSAGE or more');
    return { host, port: Number(port), timeout: Number(timeout), messages: positionals };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
