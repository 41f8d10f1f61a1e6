// Exercise udp-pinger (lesson udp/loss-and-retries): ping over UDP. The client sends "ping 1",
// "ping 2"… to an echo server, one at a time, waits for each reply at most --timeout ms, and ends
// with a summary like ping's: how many were lost, and the round-trip times (RTT) of the rest.
//
//   npx tsx examples/exercises/udp-pinger/client.ts [--host 127.0.0.1] [--port 12000] [--count 4] [--timeout 1000]
//   npm run check -- udp-pinger        (checks client.ts; add --file FILE to check another file)
//
// Try it against examples/udp-lossy-server.ts, which loses the first datagram (--drop 1).
// client.ts is the starter: the work goes in its region "ping", where the TODO is.
// solution.ts is the same file with that region done.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, count, timeout } = commandLine(); // the options, read at the end of this file
const server = `${host}:${port}`;
const socket = dgram.createSocket('udp4');

// #region ping
const rtts: number[] = []; // the round-trip time (RTT) of each reply, in ms
let seq = 0; // the ping under way: 1, 2… count
let sentAt = 0; // when it left, in ms (performance.now())
let timer: NodeJS.Timeout | undefined; // when we stop waiting for its reply

function ping() {
  seq += 1;
  sentAt = performance.now();
  socket.send(`ping ${seq}`, port, host);
  timer = setTimeout(() => {
    console.log(`no reply to ping ${seq} within ${timeout} ms`);
    next();
  }, timeout);
}

socket.on('message', (reply) => {
  if (reply.toString('utf8') !== `ping ${seq}`) return; // a late reply to an earlier ping, already lost
  clearTimeout(timer);
  const rtt = performance.now() - sentAt;
  rtts.push(rtt);
  console.log(`reply to ping ${seq} in ${rtt.toFixed(3)} ms`);
  next();
});

// The next ping, or, after the last one, the summary.
function next() {
  if (seq < count) return ping();
  const loss = Math.round((100 * (count - rtts.length)) / count);
  console.log(`${count} sent, ${rtts.length} received, ${loss}% loss`);
  if (rtts.length === 0) {
    console.error(`no reply from ${server}`);
    process.exitCode = 1;
  } else {
    const avg = rtts.reduce((sum, rtt) => sum + rtt, 0) / rtts.length;
    const times = [Math.min(...rtts), avg, Math.max(...rtts)].map((ms) => ms.toFixed(3));
    console.log(`rtt min/avg/max = ${times.join('/')} ms`);
  }
  socket.close();
}

ping();
// #endregion ping

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--count N] [--timeout MS]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, count: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', count = '4', timeout = '1000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,2}$/.test(count)) throw new Error('invalid --count: 1 to 999');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    return { host, port: Number(port), count: Number(count), timeout: Number(timeout) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
