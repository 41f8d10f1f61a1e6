// The lab (src/lib/lab.ts): every topology built for real in network namespaces, the facts the
// lessons will teach checked inside them, and every lab torn down, whatever happens to the
// process that built it. Needs root (and ip, nft, tcpdump): skipped with one line elsewhere;
// in CI a missing capability fails. Each lab's namespaces are named after this process, so
// two runs at once never meet; ports are per host, so the programs use the course's 12000.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build, sweep, topologies, unavailable, type Lab, type Topology } from '../src/lib/lab.ts';
import {
  finish,
  installed,
  listeningPort,
  start,
  typescript,
  type Process,
} from '../src/lib/processes.ts';
import { slack } from '../src/lib/slack.ts';
import { PATIENCE_MS, root, run as runProgram, times, until } from './processes.ts';

const why = unavailable() ?? (installed('tcpdump') ? undefined : 'the lab tests need tcpdump');

/** Where the lab cannot run: skip, saying why; in CI, fail. */
function needLab(skip: (note: string) => void) {
  if (!why) return;
  if (process.env.CI) throw new Error(why);
  skip(why);
}

const text = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
const rootVeths = () => text('ip', ['-o', 'link', 'show', 'type', 'veth']);
/** The machine's own network, which no lab may change (nft counters aside). */
const rootNetwork = () =>
  [
    text('ip', ['-br', 'link']),
    text('ip', ['-br', 'addr']),
    text('ip', ['-4', 'route']),
    text('nft', ['list', 'ruleset']).replace(/counter packets \d+ bytes \d+/g, 'counter'),
    readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8'),
  ].join('\n');
const vethsBefore = why ? '' : rootVeths();
const networkBefore = why ? '' : rootNetwork();

afterAll(() => {
  if (why) return;
  expect(rootNetwork()).toBe(networkBefore);
});

/** Build, run the checks, tear down; then prove that nothing of the lab is left. */
async function withLab(topology: Topology, checks: (lab: Lab) => Promise<void>) {
  const lab = await build(topology);
  try {
    await checks(lab);
  } finally {
    lab.down();
  }
  expectGone(Object.values(lab.namespaces));
}

function expectGone(namespaces: string[]) {
  const listed = text('ip', ['netns', 'list'])
    .split('\n')
    .map((l) => l.split(' ')[0]);
  expect(namespaces.length).toBeGreaterThan(0);
  expect(listed.filter((n) => namespaces.includes(n))).toEqual([]);
  expect(rootVeths()).toBe(vethsBefore); // no veth end ever was, or is left, in the machine's namespace
}

/** Start an example as a server in a host; resolves once it says where it listens. */
async function serve(lab: Lab, host: string, file: string, args: string[] = []) {
  const proc = lab.startNode(host, `examples/${file}`, args);
  await listeningPort(proc);
  return proc;
}

/** tcp-client.ts in a host: sends "oi" to ADDRESS:PORT; `timeout` ms for the connect. */
const tcpClient = (lab: Lab, host: string, address: string, port = 12000, timeout = 5000) =>
  lab.run(
    host,
    typescript('examples/tcp-client.ts', [
      ...['--host', address, '--port', String(port), '--timeout', String(timeout), 'oi'],
    ]),
  );

/** Wait until a tcp-server.ts has logged a connection to its end. */
const closed = (server: Process) =>
  server.waitFor('closed', { signal: AbortSignal.timeout(PATIENCE_MS) });

/** A Node one-liner in a host (CommonJS; its arguments are process.argv.slice(1)). */
const node = (lab: Lab, host: string, code: string, args: string[] = []) =>
  lab.run(host, [process.execPath, '-e', code, ...args]);

// A connected UDP socket sends one datagram to HOST:PORT and says what came back within MS: a
// reply, an error (ECONNREFUSED: an ICMP port unreachable came back), or nothing at all.
const UDP_PROBE = `
const s = require('node:dgram').createSocket('udp4');
const [host, port, ms] = process.argv.slice(1);
s.on('error', (err) => { console.log(err.code); process.exit(0); });
s.on('message', () => { console.log('reply'); process.exit(0); });
s.connect(Number(port), host, () => s.send('ping'));
setTimeout(() => { console.log('timeout'); process.exit(0); }, Number(ms));`;

// One datagram of SIZE bytes to HOST:PORT.
const UDP_SEND = `
const s = require('node:dgram').createSocket('udp4');
const [host, port, size] = process.argv.slice(1);
s.send(Buffer.alloc(Number(size), 'x'), Number(port), host, (err) => {
  if (err) console.log(err.code);
  s.close();
});`;

// Echo servers, TCP and UDP, on 0.0.0.0 ports 12000 to 12004 (one process for ten).
const ECHO_EVERYWHERE = `
const net = require('node:net');
const dgram = require('node:dgram');
let ready = 0;
const listening = () => ++ready === 10 && console.log('echo listening on 0.0.0.0:12000');
for (const port of [12000, 12001, 12002, 12003, 12004]) {
  net.createServer((socket) => socket.on('error', () => {}).pipe(socket)).listen(port, '0.0.0.0', listening);
  const udp = dgram.createSocket('udp4');
  udp.on('message', (msg, from) => udp.send(msg, from.port, from.address));
  udp.bind(port, '0.0.0.0', listening);
}`;

/** Start tcpdump on a host's eth0; resolves once it captures. */
async function capture(lab: Lab, host: string, args: string[]) {
  // -n: addresses as numbers; -t: no times; -l --immediate-mode: each packet at once.
  const tcpdump = ['tcpdump', '-i', 'eth0', '-n', '-t', '-l', '--immediate-mode'];
  const proc = lab.start(host, [...tcpdump, ...args]);
  await proc.waitFor('listening on', {
    stream: 'stderr',
    signal: AbortSignal.timeout(PATIENCE_MS),
  });
  return proc;
}

/** How many packets an nftables rule (found by `match`) has counted in a host. */
async function counted(lab: Lab, host: string, match: string) {
  const { stdout } = await lab.run(host, ['nft', 'list', 'ruleset']);
  const line = stdout.split('\n').find((l) => l.includes(match));
  return Number(/counter packets (\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

describe.concurrent('the labs, built and checked', () => {
  it('two-hosts: a server on 127.0.0.1 is refused from the phone; on 0.0.0.0 it answers', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    await withLab(topologies['two-hosts'], async (lab) => {
      const local = await serve(lab, 'notebook', 'tcp-server.ts', ['--host', '127.0.0.1']);
      expect((await tcpClient(lab, 'notebook', '127.0.0.1')).stdout).toContain('oi'); // it listens…
      const there = await tcpClient(lab, 'celular', '192.168.0.10');
      expect(there.code).toBe(1); // …but not on the address the phone reaches
      expect(there.stderr).toContain('connect ECONNREFUSED 192.168.0.10:12000');
      local.stop();
      await local.exited;

      const all = await serve(lab, 'notebook', 'tcp-server.ts', ['--host', '0.0.0.0']);
      const now = await tcpClient(lab, 'celular', '192.168.0.10');
      expect(now.stdout).toMatch(
        /^connected from 192\.168\.0\.20:\d+ to 192\.168\.0\.10:12000\noi\n/,
      );
      await closed(all);
      expect(all.stdout()).toMatch(/connection 192\.168\.0\.20:\d+ -> 192\.168\.0\.10:12000/);
    });
  });

  it('firewall: drop makes a connect time out; reject refuses it at once (RST, ICMP port unreachable) or says the host is unreachable (ICMP host prohibited), TCP and UDP', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    await withLab(topologies.firewall, async (lab) => {
      // Something listens on every port, TCP and UDP: what the client meets is the firewall's.
      await listeningPort(lab.start('servidor', [process.execPath, '-e', ECHO_EVERYWHERE]));
      // A dropped SYN or datagram never gets an answer: a second to wait for one is enough,
      // however busy the machine. The others get theirs at once, and wait as long as it takes.
      const wait = (port: number) => (port === 12001 ? 1000 : PATIENCE_MS);
      const ports = [12000, 12001, 12002, 12003, 12004];
      const tcp = (port: number) => tcpClient(lab, 'notebook', '198.51.100.80', port, wait(port));
      const [open, dropped, reset, portUnreachable, prohibited] = await Promise.all(ports.map(tcp));
      expect(open.stdout).toContain('oi');
      expect(dropped.code).toBe(1);
      expect(dropped.stderr).toContain('no answer from 198.51.100.80:12001 in 1000 ms');
      for (const rejected of [reset, portUnreachable, prohibited]) expect(rejected.code).toBe(1);
      expect(reset.stderr).toContain('connect ECONNREFUSED 198.51.100.80:12002');
      expect(portUnreachable.stderr).toContain('connect ECONNREFUSED 198.51.100.80:12003');
      expect(prohibited.stderr).toContain('connect EHOSTUNREACH 198.51.100.80:12004');

      const udp = (port: number) =>
        node(lab, 'notebook', UDP_PROBE, ['198.51.100.80', String(port), String(wait(port))]);
      const answers = await Promise.all([12000, 12001, 12002, 12004].map(udp));
      expect(answers.map((a) => a.stdout.trim())).toEqual([
        'reply',
        'timeout',
        'ECONNREFUSED',
        'EHOSTUNREACH',
      ]);

      // Each rule counted the packets it stopped.
      for (const rule of [
        'tcp dport 12001',
        'udp dport 12001',
        'tcp dport 12002',
        'udp dport 12002',
        'tcp dport 12003',
        'tcp dport 12004',
        'udp dport 12004',
      ])
        expect(await counted(lab, 'servidor', rule), rule).toBeGreaterThan(0);
    });
  });

  it('nat: the server sees the router’s address, and without masquerade it cannot answer', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    await withLab(topologies.nat, async (lab) => {
      const server = await serve(lab, 'servidor', 'tcp-server.ts', ['--host', '0.0.0.0']);
      const client = await tcpClient(lab, 'notebook', '203.0.113.80');
      expect(client.stdout).toMatch(
        /^connected from 192\.168\.0\.10:\d+ to 203\.0\.113\.80:12000\noi\n/,
      );
      await closed(server);
      expect(server.stdout()).toMatch(/connection 203\.0\.113\.1:\d+ -> 203\.0\.113\.80:12000/);
      expect(server.stdout()).not.toContain('192.168.0.10');
      expect(await counted(lab, 'roteador', 'masquerade')).toBeGreaterThan(0);
    });
    // The same network without NAT: the SYN reaches the server, whose answer has no way back.
    await withLab({ ...topologies.nat, masquerade: [] }, async (lab) => {
      await serve(lab, 'servidor', 'tcp-server.ts', ['--host', '0.0.0.0']);
      const client = await tcpClient(lab, 'notebook', '203.0.113.80', 12000, 1000);
      expect(client.stderr).toContain('no answer from 203.0.113.80:12000 in 1000 ms');
    });
  });

  it('port-forward: the phone outside reaches the server inside through the router’s port 8080', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    await withLab(topologies['port-forward'], async (lab) => {
      const server = await serve(lab, 'servidor', 'tcp-server.ts', ['--host', '0.0.0.0']);
      const client = await tcpClient(lab, 'celular', '203.0.113.1', 8080);
      expect(client.stdout).toMatch(
        /^connected from 203\.0\.113\.50:\d+ to 203\.0\.113\.1:8080\noi\n/,
      );
      await closed(server);
      expect(server.stdout()).toMatch(/connection 203\.0\.113\.50:\d+ -> 192\.168\.0\.80:12000/);
      // The server's own address is private: from outside there is no route to it.
      const direct = await tcpClient(lab, 'celular', '192.168.0.80');
      expect(direct.code).toBe(1);
      expect(direct.stderr).toContain('ENETUNREACH');
    });
  });

  it('mtu: both SYNs say mss 1460; the router’s ICMP “need to frag (mtu 1280)” makes TCP send smaller packets', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    await withLab(topologies.mtu, async (lab) => {
      const packets = await capture(lab, 'notebook', ['tcp or icmp']);
      await serve(lab, 'servidor', 'tcp-server.ts', ['--host', '0.0.0.0']);
      const client = await lab.run(
        'notebook',
        typescript('examples/tcp-client.ts', ['--host', '203.0.113.80', 'x'.repeat(5000)]),
      );
      expect(client.stdout).toContain('sent 5000 bytes, received 5000 bytes');
      const serverFin = /^IP 203\.0\.113\.80\.12000 > .*Flags \[F/m;
      await packets.waitFor(serverFin, { signal: AbortSignal.timeout(PATIENCE_MS) });
      packets.stop('SIGINT');
      await packets.exited;
      const lines = packets.stdout().split('\n');
      const syn = lines.find((l) => l.includes('Flags [S],'));
      const synAck = lines.find((l) => l.includes('Flags [S.],'));
      expect(syn).toContain('mss 1460'); // the laptop's link: 1500 - 20 (IP) - 20 (TCP)
      expect(synAck).toContain('mss 1460'); // the server's link too: neither knows the path
      // The ICMP comes back for each full packet already on its way; after the last, none is sent.
      const frag = (l: string) =>
        l.includes('ICMP 203.0.113.80 unreachable - need to frag (mtu 1280)');
      const first = lines.findIndex(frag);
      const last = lines.findLastIndex(frag);
      expect(first).toBeGreaterThan(0);
      const sent = (from: number, to: number) =>
        lines
          .slice(from, to)
          .filter((l) => l.startsWith('IP 192.168.0.10.'))
          .map((l) => Number(/length (\d+)$/.exec(l)?.[1] ?? 0))
          .filter((n) => n > 0);
      expect(Math.max(...sent(0, first))).toBeGreaterThan(1240); // a full 1500-byte packet, dropped
      const after = sent(last + 1, lines.length);
      expect(after.length).toBeGreaterThan(0);
      expect(Math.max(...after)).toBeLessThanOrEqual(1240); // 1280 - 20 (IP) - 20 (TCP)
    });
  });

  it('mtu: a datagram too big for the middle link is lost once (DF), then sent in fragments of at most 1280 bytes', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    await withLab(topologies.mtu, async (lab) => {
      const icmp = await capture(lab, 'notebook', ['icmp']);
      const arriving = await capture(lab, 'servidor', ['-v', 'udp and src host 192.168.0.10']);
      const server = await serve(lab, 'servidor', 'udp-server.ts', ['--host', '0.0.0.0']);
      const send = (size: number) =>
        node(lab, 'notebook', UDP_SEND, ['203.0.113.80', '12000', String(size)]);
      const got = (size: number) =>
        server.waitFor(`${size} bytes from 192.168.0.10:`, {
          signal: AbortSignal.timeout(PATIENCE_MS),
        });
      const patience = () => ({ signal: AbortSignal.timeout(PATIENCE_MS) });

      // 1400 bytes fit the laptop's link (1500), so they leave whole, with Don't Fragment set.
      await send(1400);
      await icmp.waitFor('need to frag (mtu 1280)', patience());
      // Now the laptop knows the path's MTU and cuts the datagrams itself.
      await send(1400);
      await got(1400);
      await send(2000);
      await got(2000);
      // The server got the second 1400 bytes only: the first never arrived.
      expect(server.stdout().match(/1400 bytes from/g)).toHaveLength(1);
      icmp.stop('SIGINT');
      // Both datagrams' last fragments captured on the server's link.
      await arriving.waitFor(/(?:offset \d+, flags \[none\][^]*){2}/, patience());
      arriving.stop('SIGINT');

      // Fragments by IP id: what each datagram became on the server's link.
      const datagrams = new Map<string, number[]>();
      const header =
        /^IP \(.*, id (\d+), offset \d+, flags \[.*\], proto UDP \(17\), length (\d+)\)$/gm;
      for (const [, id, length] of arriving.stdout().matchAll(header))
        datagrams.set(id, [...(datagrams.get(id) ?? []), Number(length)]);
      const pieces = [...datagrams.values()];
      expect(pieces.length).toBe(2); // the first 1400 bytes never arrived
      for (const lengths of pieces) {
        expect(lengths.length).toBeGreaterThan(1);
        expect(Math.max(...lengths)).toBeLessThanOrEqual(1280);
      }
      // Each fragment repeats the 20-byte IP header; the UDP header (8) and data are cut up.
      const carried = pieces.map((lengths) => lengths.reduce((sum, n) => sum + n - 20, 0));
      expect(carried).toEqual([8 + 1400, 8 + 2000]);
    });
  });

  it('loss: nft drops about 30 % of 200 datagrams, and its counter accounts for every missing one', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    await withLab(topologies.loss, async (lab) => {
      const server = await serve(lab, 'servidor', 'udp-server.ts', ['--host', '0.0.0.0']);
      // 200 datagrams, 2 ms apart (a pace no buffer overflows at).
      const sender = `
const s = require('node:dgram').createSocket('udp4');
let i = 0;
const timer = setInterval(() => {
  s.send(String(i), 12000, '192.168.0.80');
  if (++i === 200) { clearInterval(timer); setTimeout(() => s.close(), 100); }
}, 2);`;
      expect((await node(lab, 'notebook', sender)).code).toBe(0);
      // Every datagram has passed the rule by now (each send() returns once it has), so the
      // counter is final; the server may still be printing: wait for the rest of its lines.
      const dropped = await counted(lab, 'servidor', 'numgen random');
      await server.waitFor(times(' bytes from 192.168.0.10:', 200 - dropped), {
        signal: AbortSignal.timeout(PATIENCE_MS),
      });
      expect(server.stdout().match(/ bytes from 192\.168\.0\.10:/g)).toHaveLength(200 - dropped);
      expect(dropped).toBeGreaterThanOrEqual(30); // 60 expected; 30 and 90 are 4.6 standard deviations away
      expect(dropped).toBeLessThanOrEqual(90);
    });
  });

  it('a link with a rate (tc tbf, 1 Mbit/s) takes half a second for 64 KiB', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    const twoHosts = topologies['two-hosts'];
    const slow = { ...twoHosts, name: 'slow', links: [{ ...twoHosts.links[0], rate: '1mbit' }] };
    await withLab(slow, async (lab) => {
      await serve(lab, 'celular', 'tcp-server.ts', ['--host', '0.0.0.0']);
      // Send 64 KiB, half-close, read the echo to the end: how long from connect to close?
      const timed = `
const socket = require('node:net').connect(12000, '192.168.0.20');
let start, bytes = 0;
socket.on('connect', () => { start = Date.now(); socket.end(Buffer.alloc(65536, 'x')); });
socket.on('data', (chunk) => (bytes += chunk.length));
socket.on('close', () => console.log(bytes, Date.now() - start));`;
      const { stdout } = await node(lab, 'notebook', timed);
      const [bytes, ms] = stdout.trim().split(' ').map(Number);
      expect(bytes).toBe(65536);
      expect(ms).toBeGreaterThanOrEqual(350); // 65536 * 8 / 1e6 = 0.52 s (a few ms without the limit)
      const { stdout: qdisc } = await lab.run('notebook', ['tc', 'qdisc', 'show', 'dev', 'eth0']);
      expect(qdisc).toMatch(/tbf .*rate 1Mbit/);
    });
  });
});

describe.concurrent('the lab is always torn down', () => {
  it('a build that fails halfway removes what it made', async ({ expect, skip }) => {
    needLab(skip);
    const broken = {
      ...topologies.nat,
      routes: [{ host: 'laptop', to: 'default', via: '10.9.9.9' }],
    };
    const error = await build(broken).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error?.message).toMatch(
      /^nat: "ip -n (sp\d+-\d+)a route add default via 10\.9\.9\.9" failed: /,
    );
    const lab = /"ip -n (sp\d+-\d+)a /.exec(error!.message)![1];
    expectGone(['a', 'b', 'c'].map((h) => `${lab}${h}`));
  });

  // A program that builds a lab, printing each command, runs `after`, says "up" and waits.
  // `pause`: it stops for good just before the command that starts with it; `slow`: each
  // command waits 50 ms before it runs.
  const builder = (topology: string, { after = '', pause = '', slow = false } = {}) => `
import { build, topologies } from ${JSON.stringify(pathToFileURL(join(root, 'src/lib/lab.ts')).href)};
const wait = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const print = (line) => {
  console.log(line);
  if (${JSON.stringify(pause)} && line.startsWith(${JSON.stringify(pause)})) wait(30_000);
  if (${slow}) wait(50);
};
const lab = await build(topologies[${JSON.stringify(topology)}], { print });
${after}
console.log('up');
setTimeout(() => {}, 30_000);`;
  const run = (code: string) => runProgram(process.execPath, ['--input-type=module', '-e', code]);
  const made = (stdout: string) => [...stdout.matchAll(/^ip netns add (\S+)$/gm)].map((m) => m[1]);

  it('a process killed (SIGKILL) halfway through a build: the next sweep removes its namespaces', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    const child = run(builder('mtu', { pause: 'ip link add' }));
    await child.waitFor('ip link add');
    child.stop('SIGKILL');
    await child.exited;
    const left = made(child.stdout()); // every `ip netns add` before `ip link add` succeeded
    expect(left).toHaveLength(4);
    expect(left.every((n) => n.startsWith(`sp${child.child.pid}-`))).toBe(true);
    const swept = sweep(); // (or a build in a test running alongside already did)
    expect(swept.every((n) => /^sp\d+-\d+[a-z]$/.test(n))).toBe(true);
    expectGone(left);
  });

  it('a process killed after its build: the sweep also stops what still runs in its hosts', async ({
    skip,
  }) => {
    needLab(skip);
    const sleeper = `const p = lab.start('notebook', ['sleep', '30']); console.log('sleeper', p.child.pid);`;
    const child = run(builder('two-hosts', { after: sleeper }));
    await child.waitFor('\nup\n');
    const pid = Number(/^sleeper (\d+)$/m.exec(child.stdout())![1]);
    child.stop('SIGKILL'); // its group: the sleeper has a group of its own, and survives it
    await child.exited;
    sweep();
    // (Not our child: /proc says when it is gone.)
    await until(() => !running(pid), PATIENCE_MS, 'the sleeper to be killed');
    expectGone(made(child.stdout()));
  });

  it.for(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    'a process told to stop (%s) removes its lab, then ends by the signal',
    async (signal, { expect, skip }) => {
      needLab(skip);
      const child = run(builder('nat'));
      await child.waitFor('\nup\n');
      process.kill(child.child.pid!, signal);
      const numbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
      expect(await child.exited).toBe(128 + numbers[signal]);
      expectGone(made(child.stdout()));
    },
  );

  it('a process told to stop while it builds stops building, removes what it made, and ends', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    const child = run(builder('mtu', { slow: true })); // so that the signal comes in the middle
    await child.waitFor('ip link add');
    child.stop('SIGTERM');
    expect(await child.exited).toBe(128 + 15);
    expect(child.stdout()).not.toContain('sysctl'); // it never got that far
    expect(child.stdout()).toContain('ip netns del');
    expectGone(made(child.stdout()));
  });

  it('a process that exits with its lab still up removes it', async ({ expect, skip }) => {
    needLab(skip);
    const child = run(builder('two-hosts', { after: 'process.exit(0);' }));
    expect(await child.exited).toBe(0);
    expect(made(child.stdout())).toHaveLength(2);
    expectGone(made(child.stdout()));
  });
});

describe('npm run lab', () => {
  const command = join(root, 'src/lib/lab-command.ts');

  it('a learner’s lab stays up until `down`, and no sweep takes it (run in a mount namespace of its own)', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    // A private /run/netns: the learner's names never meet a real learner lab or another run's.
    const lab = `${JSON.stringify(process.execPath)} ${JSON.stringify(command)}`;
    const sweeper = `${JSON.stringify(process.execPath)} --input-type=module -e "import { sweep } from '${pathToFileURL(join(root, 'src/lib/lab.ts')).href}'; console.log('swept', sweep().length)"`;
    const script = [
      'mount -t tmpfs lab /run/netns',
      `${lab} up two-hosts --lang pt; echo "exit $?"`,
      `${lab} up two-hosts --lang pt; echo "exit $?"`,
      sweeper,
      `${lab} list --lang pt`,
      `${lab} exec two-hosts celular -- ip -br addr show eth0; echo "exit $?"`,
      `${lab} down two-hosts --lang pt; echo "exit $?"`,
      `${lab} down two-hosts --lang pt; echo "exit $?"`,
      'echo "left: $(ls /run/netns)"',
    ].join('\n');
    mkdirSync('/run/netns', { recursive: true }); // (as `ip netns add` makes it)
    const proc = start(['unshare', '--mount', 'sh', '-c', script]);
    // Seven programs, one after the other: 15 s in all, times the one factor (under vitest's minute).
    const { stdout, stderr } = await finish(proc, slack(15_000));
    expect(stdout).toContain(
      'ip netns add lab-two-hosts-notebook\nip netns add lab-two-hosts-celular\n',
    );
    expect(stdout).toMatch(
      /O laboratório two-hosts está no ar:\n\s+notebook\s+192\.168\.0\.10\/24 \(eth0\)/,
    );
    expect(stderr).toContain('o laboratório two-hosts já está no ar');
    expect(stdout.match(/^exit \d+$/gm)?.join(', ')).toBe('exit 0, exit 1, exit 0, exit 0, exit 0');
    expect(stdout).toContain('swept 0');
    expect(stdout).toMatch(/^ {2}two-hosts\s+no ar\s+notebook, celular/m);
    expect(stdout).toContain('ip netns exec lab-two-hosts-celular ip -br addr show eth0\n');
    expect(stdout).toMatch(/^eth0@\S+\s+UP\s+192\.168\.0\.20\/24/m);
    expect(stdout).toContain(
      'ip netns del lab-two-hosts-notebook\nip netns del lab-two-hosts-celular\n',
    );
    expect(stdout).toContain('nada a desmontar: o laboratório two-hosts não está no ar.');
    expect(stdout).toContain('left: \n');
  });

  it('refuses in one line (exit 1) without root, or without ip and nft', async ({
    expect,
    skip,
  }) => {
    needLab(skip);
    // Root without its capabilities, as in a container that may not make namespaces.
    const withoutCaps = ['setpriv', '--bounding-set=-all', '--inh-caps=-all'];
    const noCaps = await finish(start([...withoutCaps, process.execPath, command, 'up', 'nat']));
    expect(noCaps).toMatchObject({ code: 1, stdout: '' });
    expect(noCaps.stderr).toBe(
      'the lab needs root (network namespaces take CAP_SYS_ADMIN and CAP_NET_ADMIN): run it with sudo\n',
    );
    // A PATH with a shell and nothing else.
    const bin = mkdtempSync(join(tmpdir(), 'lab-path-'));
    try {
      symlinkSync('/bin/sh', join(bin, 'sh'));
      const noTools = await finish(
        start([process.execPath, command, 'up', 'nat'], { env: { PATH: bin } }),
      );
      expect(noTools).toMatchObject({ code: 1, stdout: '' });
      expect(noTools.stderr).toBe(
        'the lab needs ip (iproute2) and nft (nftables), which are not installed\n',
      );
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('a mistake in the command line: the usage, exit 2', async ({ expect }) => {
    const { main } = await import('../src/lib/lab-command.ts');
    const mistakes = [
      [],
      ['up'],
      ['up', 'nowhere'],
      ['exec', 'nat', 'notebook'],
      ['down', 'nat', 'x'],
    ];
    for (const args of [...mistakes, ['--colour']]) {
      const out: string[] = [];
      const print = (line: string) => out.push(line);
      expect(await main(['--lang', 'en', ...args], print, print), args.join(' ')).toBe(2);
      expect(out.join('\n')).toMatch(
        /usage: npm run lab|uso: npm run lab|there is no lab "nowhere"/,
      );
    }
  });
});

function running(pid: number): boolean {
  try {
    // A process that has ended but nobody has reaped yet (a zombie) counts as ended.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
