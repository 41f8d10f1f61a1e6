// The robustness suite's profiles: every program a learner can run, what kind it is and how to
// ask it whether it still serves. test/robustness/*.test.ts put each against bad arguments,
// missing peers, hostile or broken clients and signals. A new example needs a profile here
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

export type Probe = 'udp' | 'tcp' | 'http' | 'dns';
export interface Profile {
  /** server: prints "listening on", runs until a signal. client: talks to a server and exits. tool: runs and exits. */
  kind: 'server' | 'client' | 'tool';
  probe?: Probe; // how to ask a server (or what a client talks to)
  args?: string[]; // extra arguments every run gets (e.g. a message for a client)
  idle?: string; // the server's idle-timeout flag, if it has one
  hostile?: boolean; // run the hostile-client tests (the course's own servers; not exercise starters)
}

/** Every program a learner can run. */
export const profiles: Record<string, Profile> = {
  'udp-server.ts': { kind: 'server', probe: 'udp', hostile: true },
  'udp-client.ts': { kind: 'client', probe: 'udp', args: ['--timeout', '300', 'ping'] },
  'udp-lossy-server.ts': { kind: 'server', probe: 'udp', args: ['--drop', '0'], hostile: true },
  'udp-retry-client.ts': {
    kind: 'client',
    probe: 'udp',
    args: ['--timeout', '100', '--retries', '1', 'ping'],
  },
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
  'node-events.ts': { kind: 'tool' },
  'multicast.ts': { kind: 'tool' },
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

/** Ask a server something and wait for any answer. */
export async function probe(kind: Probe, port: number): Promise<boolean> {
  if (kind === 'http') {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      signal: AbortSignal.timeout(2000),
    }).catch(() => undefined);
    return !!res && res.status < 500;
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

export const oneLine = (stderr: string) => stderr.trim().split('\n').length === 1;
