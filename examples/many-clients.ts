// Many clients at once: each one connects, sends "client N", half-closes and waits for its answer.
// Then one line per client says what came back and after how many whole seconds.
//
//   npx tsx examples/many-clients.ts [--host 127.0.0.1] [--port 12000] [--clients 3]
// #region clients
import net from 'node:net';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { host, port, clients, server } = commandLine(); // the options, read at the end of this file
const started = Date.now();
main();

async function main() {
  const answers: Promise<string>[] = [];
  for (let n = 1; n <= clients; n++) {
    const socket = net.connect(port, host);
    socket.on('error', fail); // ECONNREFUSED, ECONNRESET…: one line, exit 1
    socket.setTimeout(30_000, () =>
      fail(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    ); // 30 s of silence
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
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/many-clients.ts [--host ADDRESS] [--port 1-65535] [--clients 1-100]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        clients: { type: 'string', default: '3' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    const [port, clients] = [
      number('port', values.port, 1, 65535),
      number('clients', values.clients, 1, 100),
    ];
    return {
      host: values.host,
      port,
      clients,
      server: net.isIPv6(values.host) ? `[${values.host}]:${port}` : `${values.host}:${port}`,
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function fail(err: NodeJS.ErrnoException): never {
  const why = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ETIMEDOUT: `no answer from ${server} in 30 s`,
  }[err.code ?? ''];
  exit(1, `${why ?? `cannot talk to ${server}: ${err.message}`} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
