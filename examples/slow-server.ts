// A TCP server that takes its time: it reads a request until the client's FIN, works --delay ms,
// answers in capitals and closes. --work: timer (the thread serves others meanwhile), busy (a loop
// holds the thread) or worker (that loop in a worker thread). Stop it with Ctrl+C.
//   npx tsx examples/slow-server.ts [--host 127.0.0.1] [--port 12000] [--delay 1000] [--work timer|busy|worker]
// #region server
import net from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const { host, port, delay, work } = commandLine(); // the options, read at the end of this file
const slowly = { timer: later, busy, worker: inWorker }[work];

// allowHalfOpen: the client's FIN ends its direction only; ours stays open for the answer.
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', () => {}); // a client that vanishes ends only its own connection
  socket.setEncoding('utf8');
  let request = '';
  // At most 1 KiB of request is kept, as Python's recv(1024) would.
  socket.on('data', (text: string) => (request = (request + text).slice(0, 1024)));
  socket.on('end', () => slowly(() => socket.end(request.toUpperCase())));
});
// #endregion server

// #region timer
// Set a timer and return at once: the event loop runs other callbacks until it fires.
function later(answer: () => void) {
  setTimeout(answer, delay);
}
// #endregion timer

// #region busy
// Work right here, on the thread that runs every callback: nothing else runs until it returns.
function busy(answer: () => void) {
  const end = Date.now() + delay;
  while (Date.now() < end) {} // stands for CPU work (it only watches the clock)
  answer();
}
// #endregion busy

// #region worker
// The same loop in a worker thread, a thread of its own: this one stays free.
function inWorker(answer: () => void) {
  new Worker(`const end = Date.now() + ${delay}; while (Date.now() < end) {}`, { eval: true }).on(
    'exit',
    answer,
  );
}
// #endregion worker

// #region listen
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`slow server (${work}) listening on ${host}:${bound}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion listen

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/slow-server.ts [--host ADDRESS] [--port 0-65535] [--delay MS] [--work timer|busy|worker]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, delay: text, work: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', delay = '1000', work = 'timer' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^\d{1,5}$/.test(delay)) throw new Error('invalid --delay');
    if (work !== 'timer' && work !== 'busy' && work !== 'worker') throw new Error('invalid --work');
    const kind = work as 'timer' | 'busy' | 'worker'; // one of the three, checked above
    return { host, port: Number(port), delay: Number(delay), work: kind };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
