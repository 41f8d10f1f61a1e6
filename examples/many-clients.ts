// Many clients at once: each one connects, sends "client N", half-closes and waits for its answer.
// Then one line per client says what came back and after how many whole seconds.
//
//   npx tsx examples/many-clients.ts [--host 127.0.0.1] [--port 12000] [--clients 3]
// #region clients
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, clients } = commandLine(); // the options, read at the end of this file
const started = Date.now();
main();

async function main() {
  const answers: Promise<string>[] = [];
  for (let n = 1; n <= clients; n++) {
    const socket = net.connect(port, host); // its errors (ECONNREFUSED…) end the program, in one line
    socket.setTimeout(30_000, () => {
      console.error(`no answer from ${host}:${port} in 30 s`);
      process.exit(1);
    });
    await once(socket, 'connect'); // one after the other, so the server sees them in this order
    socket.end(`client ${n}\n`); // the request, then FIN: "that is all"
    answers.push(answer(socket, n));
  }
  // All the requests are out; no answer has been waited for yet.
  for (const line of await Promise.all(answers)) console.log(line);
}
// #endregion clients

// #region answer
// Everything the server sends until it closes, and the time since the start in whole seconds,
// as a stopwatch that shows only seconds: anything from 1 s to just under 2 s is "1 s".
async function answer(socket: net.Socket, n: number) {
  socket.setEncoding('utf8');
  let text = '';
  for await (const chunk of socket) text += chunk;
  const seconds = Math.floor((Date.now() - started) / 1000);
  return `client ${n}: ${JSON.stringify(text.trim())} after ${seconds} s`;
}
// #endregion answer

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/many-clients.ts [--host ADDRESS] [--port 1-65535] [--clients 1-100]';
  process.on('uncaughtException', (err: Error & { errors?: Error[] }) =>
    exit(1, err.errors?.map((e) => e.message).join('; ') ?? err.message),
  );
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, clients: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', clients = '3' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^([1-9]\d?|100)$/.test(clients)) throw new Error('invalid --clients');
    return { host, port: Number(port), clients: Number(clients) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
