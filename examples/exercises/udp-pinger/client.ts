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
// TODO: envie "ping 1" até "ping COUNT", um de cada vez, e espere cada resposta no máximo --timeout ms.
// TODO: guarde o RTT de cada resposta (performance.now(), em ms); no fim, o resumo abaixo e "rtt min/avg/max = A/B/C ms".
// TODO: send "ping 1" to "ping COUNT", one at a time, and wait for each reply at most --timeout ms.
// TODO: keep each reply's RTT (performance.now(), in ms); at the end, the summary below and "rtt min/avg/max = A/B/C ms".
const rtts: number[] = []; // the round-trip time (RTT) of each reply, in ms
const loss = Math.round((100 * (count - rtts.length)) / count);
console.log(`${count} sent, ${rtts.length} received, ${loss}% loss`);
socket.close();
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
