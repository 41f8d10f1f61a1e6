// npm run bench:examples — what the load tests measure, as figures:
// TCP echo throughput and peak memory with 200 clients, UDP echo datagrams/s and loss,
// and how long each server takes to say "listening on" (start-up included): with Node's own
// type stripping (what the tests run), with the tsx loader, and with `npx tsx` (what a reader types).
import { listeningPort, start as startProcess, typescript } from '../../src/lib/processes.ts';
import { tcpEchoLoad, udpEchoLoad, watchRss } from '../load.ts';

async function start(argv: string[]) {
  const started = performance.now();
  const proc = startProcess(argv);
  const port = await listeningPort(proc);
  return { child: proc.child, port, ms: performance.now() - started, stop: () => proc.stop() };
}

const node = (file: string, ...args: string[]) =>
  start(typescript(`examples/${file}`, ['--port', '0', ...args]));

console.log('## Time to the "listening on" line');
console.log('| server | node FILE | node --import tsx FILE | npx tsx FILE |');
console.log('| --- | --- | --- | --- |');
for (const file of ['udp-server.ts', 'udp-lossy-server.ts', 'tcp-server.ts', 'http-server.ts']) {
  const times = [];
  for (const argv of [
    typescript(`examples/${file}`, ['--port', '0']),
    typescript(`examples/${file}`, ['--port', '0'], { tsx: true }),
    ['npx', 'tsx', `examples/${file}`, '--port', '0'],
  ]) {
    const server = await start(argv);
    server.stop();
    times.push(`${Math.round(server.ms)} ms`);
  }
  console.log(`| ${file} | ${times.join(' | ')} |`);
}

console.log('\n## TCP echo (tcp-server.ts), 200 clients × 1 MiB at once');
const tcp = await node('tcp-server.ts');
const memory = watchRss(tcp.child.pid!);
const t = await tcpEchoLoad(tcp.port, 200, 1 << 20);
console.log(
  `${t.intact}/${t.clients} intact, ${t.seconds.toFixed(2)} s, ${t.mibPerSecond.toFixed(0)} MiB/s (both directions), peak RSS ${Math.round(memory.stop() / 2 ** 20)} MiB`,
);
tcp.stop();

console.log('\n## UDP echo (udp-server.ts), 10 clients × 1,000 datagrams');
const udp = await node('udp-server.ts');
const u = await udpEchoLoad(udp.port, 10, 1000);
console.log(
  `${u.received}/${u.sent} back, loss ${u.lossPercent.toFixed(2)} %, ${Math.round(u.perSecond)} datagrams/s, ${u.seconds.toFixed(2)} s`,
);
udp.stop();
