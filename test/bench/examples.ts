// npm run bench:examples — what the load tests measure, as figures:
// TCP echo throughput and peak memory with 200 clients, UDP echo datagrams/s and loss,
// and how long each server takes to say "listening on" (tsx start-up included).
import { spawn } from 'node:child_process';
import { repositoryRoot as root, tsxLoader } from '../../src/lib/session-runner.ts';
import { tcpEchoLoad, udpEchoLoad, watchRss } from '../load.ts';

async function start(command: string, args: string[]) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  while (!/listening on \S+:(\d+)\n/.test(out)) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  const port = Number(/listening on \S+:(\d+)\n/.exec(out)![1]);
  return { child, port, ms, stop: () => process.kill(-child.pid!, 'SIGKILL') };
}

const node = (file: string, ...args: string[]) => start(process.execPath, ['--import', tsxLoader, `examples/${file}`, '--port', '0', ...args]);

console.log('## Time to the "listening on" line');
console.log('| server | node --import tsx | npx tsx |');
console.log('| --- | --- | --- |');
for (const file of ['udp-server.ts', 'udp-lossy-server.ts', 'tcp-server.ts', 'http-server.ts']) {
  const a = await node(file);
  a.stop();
  const b = await start('npx', ['tsx', `examples/${file}`, '--port', '0']);
  b.stop();
  console.log(`| ${file} | ${Math.round(a.ms)} ms | ${Math.round(b.ms)} ms |`);
}

console.log('\n## TCP echo (tcp-server.ts), 200 clients × 1 MiB at once');
const tcp = await node('tcp-server.ts');
const memory = watchRss(tcp.child.pid!);
const t = await tcpEchoLoad(tcp.port, 200, 1 << 20);
console.log(`${t.intact}/${t.clients} intact, ${t.seconds.toFixed(2)} s, ${t.mibPerSecond.toFixed(0)} MiB/s (both directions), peak RSS ${Math.round(memory.stop() / 2 ** 20)} MiB`);
tcp.stop();

console.log('\n## UDP echo (udp-server.ts), 10 clients × 1,000 datagrams');
const udp = await node('udp-server.ts');
const u = await udpEchoLoad(udp.port, 10, 1000);
console.log(`${u.received}/${u.sent} back, loss ${u.lossPercent.toFixed(2)} %, ${Math.round(u.perSecond)} datagrams/s, ${u.seconds.toFixed(2)} s`);
udp.stop();
