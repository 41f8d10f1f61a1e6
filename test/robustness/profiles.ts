// The robustness suite's profiles: every program a learner can run, what kind it is and how to
// ask it whether it still serves. test/robustness/*.test.ts put each against bad arguments,
// missing peers, hostile or broken clients and signals: what every program's command line and
// lifecycle must do is checked there, and the lessons' tests check what their lessons teach. A new example needs a profile here
// (arguments.test.ts says which are missing).
import { createSocket } from 'node:dgram';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { exerciseIds, loadExercise } from '../../src/lib/exercise-registry.ts';
import { localhost } from '../../src/lib/self-signed.ts';
import { slack } from '../../src/lib/slack.ts';
import { PATIENCE_MS } from '../processes.ts';

export type Probe = 'udp' | 'tcp' | 'http' | 'dns';
export interface Profile {
  /** server: prints "listening on", runs until a signal. client: talks to a server and exits. tool: runs and exits. */
  kind: 'server' | 'client' | 'tool';
  probe?: Probe; // how to ask a server (or what a client talks to)
  args?: string[]; // extra arguments every run gets (e.g. a message for a client)
  idle?: string; // the server's idle-timeout flag, if it has one
  hostile?: boolean; // run the hostile-client tests (the course's own servers; not exercise starters)
  /** More command lines it must refuse with its usage (exit 2): its own arguments' mistakes. */
  usage?: string[][];
  /** A tool that binds its --port: what it binds, so that a test can take that port first. */
  binds?: 'tcp' | 'udp4' | 'udp6';
  /** A tool that these arguments make a server (it says "listening on" and waits for a signal). */
  serves?: string[];
}

/**
 * A TCP client's --timeout here: only a safeguard (nobody listening is refused at once), so long
 * that a busy machine's slow start (fetch's, say) never lets it fire first.
 */
const TIMEOUT = String(slack(1000));

/** Every program a learner can run. */
export const profiles: Record<string, Profile> = {
  'udp-server.ts': { kind: 'server', probe: 'udp', hostile: true },
  'udp-client.ts': {
    kind: 'client',
    probe: 'udp',
    args: ['--timeout', '300', 'ping'],
    usage: [[], ['--port', '0', 'x'], ['--timeout', 'soon', 'x']],
  },
  'udp-lossy-server.ts': {
    kind: 'server',
    probe: 'udp',
    args: ['--drop', '0'],
    hostile: true,
    usage: [['--drop-replies', '-1']],
  },
  'udp-retry-client.ts': {
    kind: 'client',
    probe: 'udp',
    args: ['--timeout', '100', '--retries', '1', 'ping'],
    usage: [[], ['--retries', '11', 'x']],
  },
  'datagram-size.ts': { kind: 'tool', binds: 'udp4', usage: [['abc'], ['-1'], ['1000001']] },
  'fragments.ts': { kind: 'tool', binds: 'udp6', usage: [['65528'], ['-1']] },
  'checksum.ts': { kind: 'tool', usage: [['--port', '0']] },
  'tcp-server.ts': {
    kind: 'server',
    probe: 'tcp',
    idle: '--idle',
    hostile: true,
    usage: [['--idle', '0']],
  },
  'tcp-client.ts': {
    kind: 'client',
    probe: 'tcp',
    args: ['--timeout', TIMEOUT, 'ping'],
    usage: [
      ['--port', '0', 'x'],
      ['--timeout', 'soon', 'x'],
    ],
  },
  'length-receiver.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'killed-sender.ts': { kind: 'client', probe: 'tcp' },
  'many-connections.ts': {
    kind: 'tool',
    binds: 'tcp',
    serves: ['--hold'],
    usage: [
      ['--clients', '0'],
      ['--clients', '101'],
    ],
  },
  'http-server.ts': {
    kind: 'server',
    probe: 'http',
    idle: '--idle-ms',
    hostile: true,
    usage: [['--idle-ms', '0']],
  },
  'http-get.ts': {
    kind: 'client',
    probe: 'http',
    args: ['--timeout', TIMEOUT, '/'],
    usage: [['--port', '0'], ['page.html']],
  },
  'chunks.ts': { kind: 'tool', binds: 'tcp' },
  'utf8-split.ts': {
    kind: 'tool',
    binds: 'tcp',
    usage: [
      ['--at', '6'],
      ['x', 'y'],
    ],
  },
  'length-framing.ts': { kind: 'tool', binds: 'tcp' },
  'line-server.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'line-client.ts': {
    kind: 'client',
    probe: 'tcp',
    args: ['--timeout', TIMEOUT, 'ping'],
    usage: [[], ['--timeout', 'soon', 'x']],
  },
  'sort-server.ts': { kind: 'server', probe: 'tcp', hostile: true, usage: [['--half-open']] },
  'watch-server.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'leave-client.ts': {
    kind: 'client',
    probe: 'tcp',
    args: ['--timeout', TIMEOUT],
    usage: [['--how', 'slam']],
  },
  'server-close.ts': { kind: 'tool', binds: 'tcp' },
  'destroy-unread.ts': { kind: 'tool', binds: 'tcp' },
  'ports.ts': { kind: 'tool', binds: 'tcp', usage: [['extra']] },
  'node-events.ts': { kind: 'tool', binds: 'tcp' },
  'multicast.ts': {
    kind: 'tool',
    usage: [
      ['--group', '127.0.0.1'],
      ['--group', '240.0.0.1'],
      ['--receivers', '1'],
      ['--receivers', '11'],
    ],
  },
  'dns-server.ts': { kind: 'server', probe: 'dns', hostile: true },
  'dns-query.ts': {
    kind: 'client',
    probe: 'dns',
    args: ['curso.test'],
    // Questions it cannot ask: no name, empty or long labels, a type it cannot read, a name that
    // is not ASCII (an internationalised name needs its xn-- form).
    usage: [
      [],
      ['a..b'],
      [`${'x'.repeat(64)}.test`],
      ['curso.test', 'MX'],
      ['curso.test', 'A', 'extra'],
      ['ação.test'],
    ],
  },
  // Its default host, localhost, comes from /etc/hosts.
  'connect-name.ts': { kind: 'client', probe: 'tcp', usage: [['--dns', 'not-an-address']] },
  'slow-server.ts': { kind: 'server', probe: 'tcp', args: ['--delay', '200'], hostile: true },
  'many-clients.ts': { kind: 'client', probe: 'tcp' },
  // blocking-server.py and no-accept.py (Python, for comparison) are not here: this suite runs
  // .ts files with node. python.test.ts gives them the same treatment.
  // A certificate and key of its own (hostile TLS clients: test/tls.test.ts).
  'tls-server.ts': { kind: 'server', probe: 'tcp', args: certificateArgs() },
  'tls-client.ts': { kind: 'client', probe: 'tcp', args: ['ping'] },
  'ack-server.ts': { kind: 'server', probe: 'tcp', hostile: true },
  'ack-client.ts': {
    kind: 'client',
    probe: 'tcp',
    args: ['--timeout', TIMEOUT, 'ping'],
    usage: [['one', 'two']],
  },
  'late-client.ts': { kind: 'client', probe: 'tcp', args: ['--timeout', TIMEOUT] },
  'echo-sizes.ts': { kind: 'client', probe: 'udp', args: ['--timeout', '300', '100'] },
  'whoami-server.ts': { kind: 'server', probe: 'udp', hostile: true },
};
// Exercise starters and solutions are servers a learner runs: arguments and signals (with the
// files the exercise's check prepares for them, if any: a certificate, say). A from-scratch
// exercise's starter is only the command line (it ends at once), and its solution, the course's
// own server from top to bottom, meets the hostile clients too.
// (Readable by anyone: the EACCES test runs them as an unprivileged user.)
const files = readable(mkdtempSync(join(tmpdir(), 'robustness-')));
afterAll(() => rmSync(files, { recursive: true, force: true }));
// A client exercise's solution is a client (it must say in one line that nobody listens); its
// starter is no client yet (the client is its TODO): only its command line is held to the rules.
const clientArgs: Record<string, string[]> = {
  'udp-pinger': ['--count', '2', '--timeout', '300'],
  'length-client': ['--timeout', '1000', 'ping'],
  'http-client': ['--timeout', '1000', '/'],
  'dns-aaaa': ['--timeout', '1000', 'curso.test'],
  'nat-address': ['--timeout', '300'],
  'udp-deliver': ['--timeout', '100', '--retries', '1', 'um'],
};
for (const id of exerciseIds()) {
  const exercise = await loadExercise(id);
  if (exercise.kind === 'client') {
    profiles[`exercises/${id}/${exercise.file}`] = { kind: 'tool' };
    const args = clientArgs[id];
    profiles[`exercises/${id}/solution.ts`] = { kind: 'client', probe: exercise.protocol, args };
    continue;
  }
  if (exercise.kind === 'lab') {
    // A lab exercise may be a client: as above, its starter is held to the command line's rules
    // only, and its solution must say in one line that nobody listens.
    const { file, role, protocol } = exercise;
    profiles[`exercises/${id}/${file}`] =
      role === 'client' ? { kind: 'tool' } : { kind: role, probe: protocol };
    profiles[`exercises/${id}/solution.ts`] = { kind: role, probe: protocol, args: clientArgs[id] };
    continue;
  }
  const { file, protocol, prepare, scratch } = exercise;
  const dir = prepare && readable(mkdtempSync(join(files, `${id}-`)));
  const args = dir ? prepare!(dir) : undefined;
  if (dir) for (const f of readdirSync(dir)) readable(join(dir, f));
  profiles[`exercises/${id}/${file}`] = scratch
    ? { kind: 'tool' }
    : { kind: 'server', probe: protocol, args };
  profiles[`exercises/${id}/solution.ts`] = {
    kind: 'server',
    probe: protocol,
    args,
    hostile: scratch,
  };
}

/** --cert and --key: a self-signed certificate for localhost and its key, in a temporary folder. */
function certificateArgs(): string[] {
  const dir = readable(mkdtempSync(join(tmpdir(), 'robustness-tls-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { cert, key } = localhost;
  writeFileSync(join(dir, 'cert.pem'), cert, { mode: 0o644 });
  writeFileSync(join(dir, 'key.pem'), key, { mode: 0o644 });
  return ['--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')];
}

function readable(path: string): string {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  return path;
}

export const NO_STACK = /^\s+at .*[:(]/m;
export const unprivilegedStart = Number(
  readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'),
);

/** Ask a server something and wait for any answer (false: none within PATIENCE_MS). */
export async function probe(kind: Probe, port: number): Promise<boolean> {
  if (kind === 'http') {
    // A plain request, sent as soon as the connection is open: any status below 500 will do.
    const answer = await exchange(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    return /^HTTP\/1\.[01] [1-4]\d\d /.test(answer ?? '');
  }
  if (kind === 'udp' || kind === 'dns') {
    const socket = createSocket('udp4');
    // A DNS server answers a DNS query (curso.test A), and nothing else.
    const ask =
      kind === 'dns'
        ? Buffer.from('12340100000100000000000005637572736f04746573740000010001', 'hex')
        : Buffer.from('ping');
    try {
      // UDP may drop the probe itself (a full receive buffer after a burst): ask again.
      return await new Promise<boolean>((resolve) => {
        const again = setInterval(() => socket.send(ask, port, '127.0.0.1'), 500);
        const done = (answered: boolean) => {
          clearInterval(again);
          clearTimeout(timer);
          resolve(answered);
        };
        const timer = setTimeout(() => done(false), PATIENCE_MS);
        socket.on('message', () => done(true));
        socket.send(ask, port, '127.0.0.1');
      });
    } finally {
      socket.close();
    }
  }
  return (await exchange(port, 'ping\n')) !== undefined;
}

/**
 * Connect, send `request` at once and half-close: what comes back up to its first line's end
 * (or the close), if anything does.
 */
function exchange(port: number, request: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer || undefined);
    };
    const timer = setTimeout(done, PATIENCE_MS);
    socket.setEncoding('latin1').on('data', (text: string) => {
      answer += text;
      if (answer.includes('\n')) done();
    });
    socket.on('close', done);
    socket.on('error', () => {});
    socket.end(request);
  });
}

export const oneLine = (stderr: string) => stderr.trim().split('\n').length === 1;
