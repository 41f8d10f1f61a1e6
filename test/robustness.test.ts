// Every program under examples/ against bad arguments, missing peers, hostile or broken
// clients and signals: one clear line, the documented exit code, no stack trace, and a
// server that keeps serving. A new example must get a profile here (the first test says so).
import { createSocket } from 'node:dgram';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseIds, loadExercise } from '../src/lib/check-command.ts';
import { freePort, typescript } from '../src/lib/processes.ts';
import { selfSigned } from '../src/lib/self-signed.ts';
import { keptNothing, watchRss } from './load.ts';
import { finish, root, run, runExample, startServer } from './processes.ts';

type Probe = 'udp' | 'tcp' | 'http' | 'dns';
interface Profile {
  /** server: prints "listening on", runs until a signal. client: talks to a server and exits. tool: runs and exits. */
  kind: 'server' | 'client' | 'tool';
  probe?: Probe; // how to ask a server (or what a client talks to)
  args?: string[]; // extra arguments every run gets (e.g. a message for a client)
  idle?: string; // the server's idle-timeout flag, if it has one
  hostile?: boolean; // run the hostile-client tests (the course's own servers; not exercise starters)
}

/** Every program a learner can run. */
const profiles: Record<string, Profile> = {
  'udp-server.ts': { kind: 'server', probe: 'udp', hostile: true },
  'udp-client.ts': { kind: 'client', probe: 'udp', args: ['--timeout', '300', 'ping'] },
  'udp-lossy-server.ts': { kind: 'server', probe: 'udp', args: ['--drop', '0'], hostile: true },
  'udp-retry-client.ts': { kind: 'client', probe: 'udp', args: ['--timeout', '100', '--retries', '1', 'ping'] },
  'datagram-size.ts': { kind: 'tool' },
  'fragments.ts': { kind: 'tool' },
  'checksum.ts': { kind: 'tool' },
  'tcp-server.ts': { kind: 'server', probe: 'tcp', idle: '--idle', hostile: true },
  'tcp-client.ts': { kind: 'client', probe: 'tcp', args: ['--timeout', '1000', 'ping'] },
  'length-receiver.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'killed-sender.ts': { kind: 'client', probe: 'tcp' },
  'many-connections.ts': { kind: 'tool' },
  'http-server.ts': { kind: 'server', probe: 'http', idle: '--idle-ms', hostile: true },
  'http-get.ts': { kind: 'client', probe: 'http', args: ['--timeout', '1000', '/'] },
  'chunks.ts': { kind: 'tool' },
  'utf8-split.ts': { kind: 'tool' },
  'length-framing.ts': { kind: 'tool' },
  'line-server.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'line-client.ts': { kind: 'client', probe: 'tcp', args: ['--timeout', '1000', 'ping'] },
  'sort-server.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'watch-server.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'leave-client.ts': { kind: 'client', probe: 'tcp', args: ['--timeout', '1000'] },
  'server-close.ts': { kind: 'tool' },
  'destroy-unread.ts': { kind: 'tool' },
  'ports.ts': { kind: 'tool' },
  'dns-server.ts': { kind: 'server', probe: 'dns', hostile: true },
  'dns-query.ts': { kind: 'client', probe: 'dns', args: ['curso.test'] },
  'connect-name.ts': { kind: 'client', probe: 'tcp' }, // its default host, localhost, comes from /etc/hosts
  'slow-server.ts': { kind: 'server', probe: 'tcp', args: ['--delay', '200'], hostile: true },
  'many-clients.ts': { kind: 'client', probe: 'tcp' },
  // blocking-server.py (Python, for comparison) is not here: this suite runs .ts files with node.
  // test/one-thread.test.ts gives it the same treatment (arguments, port in use, signals, resets).
  // A certificate and key of its own (hostile TLS clients: test/tls.test.ts).
  'tls-server.ts': { kind: 'server', probe: 'tcp', args: certificateArgs() },
  'tls-client.ts': { kind: 'client', probe: 'tcp', args: ['ping'] },
  'ack-server.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'ack-client.ts': { kind: 'client', probe: 'tcp', args: ['--timeout', '1000', 'ping'] },
  'late-client.ts': { kind: 'client', probe: 'tcp', args: ['--timeout', '1000'] },
};
// Exercise starters and solutions are servers a learner runs: arguments and signals (with the
// files the exercise's check prepares for them, if any: a certificate, say).
// (Readable by anyone: the EACCES test runs them as an unprivileged user.)
const files = readable(mkdtempSync(join(tmpdir(), 'robustness-')));
afterAll(() => rmSync(files, { recursive: true, force: true }));
for (const id of exerciseIds()) {
  const { file, protocol, prepare } = await loadExercise(id);
  const dir = prepare && readable(mkdtempSync(join(files, `${id}-`)));
  const args = dir ? prepare!(dir) : undefined;
  if (dir) for (const f of readdirSync(dir)) readable(join(dir, f));
  for (const program of [file, 'solution.ts']) profiles[`exercises/${id}/${program}`] = { kind: 'server', probe: protocol, args };
}

/** --cert and --key: a self-signed certificate for localhost and its key, in a temporary folder. */
function certificateArgs(): string[] {
  const dir = readable(mkdtempSync(join(tmpdir(), 'robustness-tls-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { cert, key } = selfSigned();
  writeFileSync(join(dir, 'cert.pem'), cert, { mode: 0o644 });
  writeFileSync(join(dir, 'key.pem'), key, { mode: 0o644 });
  return ['--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')];
}

function readable(path: string): string {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  return path;
}

const NO_STACK = /^\s+at .*[:(]/m;
const unprivilegedStart = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));

it('every example has a robustness profile', () => {
  const files = readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('sessions/') && !f.endsWith('/check.ts'))
    .map((f) => relative('.', f));
  const missing = files.filter((f) => !profiles[f]);
  expect(missing, 'add these to `profiles` in test/robustness.test.ts').toEqual([]);
  for (const file of Object.keys(profiles)) expect(existsSync(join(root, 'examples', file)), file).toBe(true);
});

/** Ask a server something and wait for any answer. */
async function probe(kind: Probe, port: number): Promise<boolean> {
  if (kind === 'http') {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    return !!res && res.status < 500;
  }
  if (kind === 'udp' || kind === 'dns') {
    const socket = createSocket('udp4');
    // A DNS server answers a DNS query (curso.test A), and nothing else.
    const ask = kind === 'dns' ? Buffer.from('12340100000100000000000005637572736f04746573740000010001', 'hex') : Buffer.from('ping');
    try {
      // UDP may drop the probe itself (a full receive buffer after a burst): ask again.
      return await new Promise<boolean>((resolve) => {
        const again = setInterval(() => socket.send(ask, port, '127.0.0.1'), 500);
        const done = (answered: boolean) => {
          clearInterval(again);
          clearTimeout(timer);
          resolve(answered);
        };
        const timer = setTimeout(() => done(false), 5000);
        socket.on('message', () => done(true));
        socket.send(ask, port, '127.0.0.1');
      });
    } finally {
      socket.close();
    }
  }
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 2000);
    socket.on('data', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.end('ping\n');
  });
}

const oneLine = (stderr: string) => stderr.trim().split('\n').length === 1;

describe.concurrent.each(Object.entries(profiles))('%s', (file, profile) => {
  it.for([['--port', 'abc'], ['--port', '-1'], ['--port', '65536'], ['--bogus']])(
    'rejects %s with a usage message, exit 2',
    async (bad, { expect }) => {
      const r = await finish(runExample(file, [...(profile.args ?? []), ...bad]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage:/i);
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );

  if (profile.kind === 'server') {
    it('stops with exit code 0 within 1 s on SIGINT and on SIGTERM', async ({ expect }) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        const server = await startServer(file, profile.args);
        const started = Date.now();
        server.child.kill(signal);
        const { code, stderr } = await finish(server, 3000);
        expect(code).toBe(0);
        expect(stderr).not.toMatch(NO_STACK);
        expect(Date.now() - started).toBeLessThan(1000);
      }
    });

    it('says in one line that the port is taken (EADDRINUSE), exit 1', async ({ expect }) => {
      const first = await startServer(file, profile.args);
      const second = await finish(runExample(file, [...(profile.args ?? []), '--port', String(first.port)]));
      expect(second.code).toBe(1);
      expect(oneLine(second.stderr)).toBe(true);
      expect(second.stderr).toMatch(/EADDRINUSE|in use/);
    });

    if (process.getuid?.() !== 0 || existsSync('/usr/bin/setpriv')) it(
      'says in one line that a privileged port needs rights (EACCES), exit 1',
      async ({ expect }) => {
        if (unprivilegedStart <= 1) return; // this kernel lets anyone bind any port
        const port = String(1 + Math.floor(Math.random() * Math.min(unprivilegedStart - 1, 1023)));
        const argv = typescript(`examples/${file}`, [...(profile.args ?? []), '--port', port]);
        const nobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
        const [cmd, ...args] = [...nobody, ...argv];
        const r = await finish(run(cmd, args));
        expect(r.code).toBe(1);
        expect(oneLine(r.stderr)).toBe(true);
        expect(r.stderr).toMatch(/EACCES/);
      },
    );
  }

  if (profile.kind === 'client') {
    it('with nobody listening: one line, exit 1, promptly', async ({ expect }) => {
      const port = await freePort();
      const started = Date.now();
      const r = await finish(runExample(file, [...(profile.args ?? []), '--port', String(port)]), 8000);
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).not.toMatch(NO_STACK);
      if (profile.probe !== 'udp') expect(r.stderr).toMatch(/ECONNREFUSED|refused/i);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  }
});

/** The course's servers against clients that misbehave; each time, another client is still served. */
const hostileServers = Object.entries(profiles).filter(([, p]) => p.hostile);

const udpProbes: (Probe | undefined)[] = ['udp', 'dns'];
describe.each(hostileServers.filter(([, p]) => udpProbes.includes(p.probe)))('%s and hostile datagrams', (file, profile) => {
  it('survives empty, binary and maximum-size datagrams and a burst of garbage', async () => {
    const server = await startServer(file, profile.args);
    const socket = createSocket('udp4');
    const send = (b: Buffer) => new Promise<void>((r) => socket.send(b, server.port, '127.0.0.1', () => r()));
    await send(Buffer.alloc(0));
    await send(Buffer.from([0xff, 0x00, 0xfe, 0x80, 0xc3]));
    await send(Buffer.alloc(65_507, 0xab));
    for (let i = 0; i < 1000; i++) await send(Buffer.from(Array.from({ length: 1 + (i % 200) }, (_, j) => (i * 31 + j * 7) % 256)));
    socket.close();
    expect(await probe(profile.probe!, server.port)).toBe(true);
    expect(server.stderr()).not.toMatch(NO_STACK);
    expect(server.child.exitCode).toBe(null);
  });
});

describe.each(hostileServers.filter(([, p]) => p.probe === 'dns'))('%s and hostile DNS queries', (file, profile) => {
  it('survives queries cut short, malformed names, other types, classes and opcodes, and keeps answering', async () => {
    const server = await startServer(file, profile.args);
    const socket = createSocket('udp4');
    const header = (flags: string, counts = '0001000000000000') => `abcd${flags}${counts}`;
    const name = '05637572736f047465737400'; // curso.test
    const hostile = [
      header('0100'), // a header, then no question
      header('0100').slice(0, 14), // a header cut short
      `${header('0100')}0563757273`, // a label cut short
      `${header('0100')}${name}0001`, // a type, then no class
      `${header('0100')}40${'61'.repeat(64)}0000010001`, // a label of 64 bytes (the limit is 63)
      `${header('0100')}c00c00010001`, // a compression pointer to itself, in the question
      `${header('0100')}c0ff00010001`, // a pointer past the end
      `${header('0100', '0000000000000000')}`, // no question at all
      `${header('0100', '0002000000000000')}${name}00010001${name}001c0001`, // two questions
      `${header('8180', '0001000100000000')}${name}00010001c00c000100010000003c00047f000001`, // an answer, not a query
      `${header('1100')}${name}00010001`, // opcode 2 (STATUS)
      `${header('0100')}${name}00010003`, // class CH
      `${header('0100')}${name}00ff0001`, // type ANY
      `${header('0100')}${name}00010001${'00'.repeat(500)}`, // trailing bytes after the question
      `${header('0100')}${`3f${'62'.repeat(63)}`.repeat(4)}0000010001`, // a name of 256 bytes
      `${header('0100')}0c${Buffer.from('ação\n\u001b[31m').toString('hex')}0000010001`, // a label (12 bytes) that is not a plain name
    ];
    for (const hex of hostile) {
      await new Promise<void>((r) => socket.send(Buffer.from(hex, 'hex'), server.port, '127.0.0.1', () => r()));
    }
    socket.close();
    expect(await probe('dns', server.port)).toBe(true);
    expect(server.stderr()).toBe('');
    expect(server.child.exitCode).toBe(null);
  });
});

describe.each(hostileServers.filter(([, p]) => !udpProbes.includes(p.probe)))('%s and hostile TCP clients', (file, profile) => {
  it('survives a client that resets mid-stream, and keeps serving', async () => {
    const server = await startServer(file, profile.args);
    const s = connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    await new Promise((r) => s.on('connect', r));
    s.write(Buffer.alloc(10_000, 'a'));
    await new Promise((r) => setTimeout(r, 50));
    s.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await probe(profile.probe!, server.port)).toBe(true);
    expect(server.stderr()).not.toMatch(NO_STACK);
    expect(server.child.exitCode).toBe(null);
  });

  if (profile.idle) it('closes a client that connects and says nothing, after its idle timeout', async () => {
    const server = await startServer(file, [...(profile.args ?? []), profile.idle!, '300']);
    const s = connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    s.resume();
    const started = Date.now();
    await new Promise((r) => s.on('close', r));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await probe(profile.probe!, server.port)).toBe(true);
  });

  it('keeps its memory bounded while 256 MiB arrive without a newline', async () => {
    const server = await startServer(file, profile.args);
    const before = watchRss(server.child.pid!).stop();
    const watch = watchRss(server.child.pid!);
    const s = connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    s.resume(); // read (and drop) whatever comes back
    const chunk = Buffer.alloc(1 << 20, 'x');
    let sent = 0;
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (sent < 256 << 20) {
          sent += chunk.length;
          if (!s.write(chunk)) return void s.once('drain', pump);
        }
        resolve();
      };
      s.on('close', () => resolve()); // a server may hang up on an endless request: fine
      pump();
    });
    const peak = watch.stop();
    s.destroy();
    console.log(`${file}: RSS ${Math.round(before / 2 ** 20)} MiB before, peak ${Math.round(peak / 2 ** 20)} MiB while ${Math.round(sent / 2 ** 20)} MiB arrived`);
    expect(peak - before).toBeLessThan(keptNothing(sent));
    expect(await probe(profile.probe!, server.port)).toBe(true);
  });

  it('does not buffer without bound for a client that stops reading, and serves others meanwhile', async () => {
    const server = await startServer(file, profile.args);
    const before = watchRss(server.child.pid!).stop();
    const watch = watchRss(server.child.pid!);
    const s = connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    s.pause(); // never read
    const chunk = Buffer.alloc(1 << 20, 'y');
    let written = 0;
    const end = Date.now() + 3000;
    let drained: Promise<void> | undefined; // one 'drain' listener at a time
    while (Date.now() < end && written < 256 << 20) {
      if (s.write(chunk)) written += chunk.length;
      else {
        drained ??= new Promise<void>((r) => s.once('drain', () => r((drained = undefined))));
        await Promise.race([drained, new Promise((r) => setTimeout(r, 100))]);
      }
    }
    expect(await probe(profile.probe!, server.port)).toBe(true);
    const peak = watch.stop();
    s.destroy();
    // A server that respects back-pressure stops reading: the client cannot write much. One
    // that reads on (to drop it, as an HTTP server after its reply) must not keep it.
    expect(peak - before).toBeLessThan(keptNothing(written));
  });
});
