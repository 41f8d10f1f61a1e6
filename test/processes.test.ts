// The process toolkit (src/lib/processes.ts): one exit-code rule, waits on what a program prints,
// and stops that leave nothing running and never hang, with process groups and without them (the
// way Windows, which has none, stops a program; COURSE_PROCESS_GROUPS=0 takes it here).
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NotListening,
  WaitFailed,
  descendants,
  listeningPort,
  start,
  type StartOptions,
} from '../src/lib/processes.ts';
import { PATIENCE_MS, run, until } from './processes.ts';

const node = (code: string, options?: StartOptions) =>
  start([process.execPath, '-e', code], options);

/** Is `pid` a process that still runs (a zombie, ended but not yet reaped, does not)? */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Wait until `pid` has ended: a process killed ends once the kernel gets to it, which a busy
 * machine delays (not our child, or not only ours: /proc says when).
 */
const gone = (pid: number) => until(() => !alive(pid), PATIENCE_MS, `process ${pid} to end`);

/** The process group of `pid` (field 5 of /proc/PID/stat). */
const groupOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
};

describe('exit codes, as a shell says them', () => {
  it('the code a program returns, 128 + n after signal n, 127 when it cannot start', async () => {
    expect(await node('process.exit(3)').exited).toBe(3);
    const looping = node('console.log("ready"); setInterval(() => {}, 1000)');
    expect(looping.exitCode).toBeUndefined();
    await looping.waitFor('ready');
    looping.kill('SIGTERM');
    expect(await looping.exited).toBe(143);
    expect(looping.exitCode).toBe(143);
    const missing = start(['no-such-program-anywhere']);
    expect(await missing.exited).toBe(127);
    expect(missing.stderr()).toContain('ENOENT');
  });
});

describe('waiting for what a program prints', () => {
  it('finds a pattern on stdout or stderr, from a given point on', async () => {
    const p = node(
      'console.log("one"); setTimeout(() => console.error("two"), 50); setTimeout(() => console.log("one more"), 100)',
    );
    const one = await p.waitFor('one');
    expect(one.index).toBe(0);
    expect((await p.waitFor(/t(w)o/))[1]).toBe('w');
    const later = await p.waitFor(/one \w+/, { from: one.index + 3 });
    expect(later[0]).toBe('one more');
    await expect(p.waitFor('two', { stream: 'stdout' })).rejects.toThrow('ended (exit code 0)');
    // Both streams in one text; their order is that in which this process read its two pipes.
    expect(p.stdout()).toBe('one\none more\n');
    expect(p.stderr()).toBe('two\n');
    expect(p.output().split('\n').sort()).toEqual(['', 'one', 'one more', 'two']);
  });

  it('fails when the program ends first, and shows what it wrote on stderr', async () => {
    const p = node('console.error("no such thing: the reason"); process.exit(2)');
    const failure = await p.waitFor('never').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WaitFailed);
    expect((failure as WaitFailed).exitCode).toBe(2);
    expect((failure as Error).message).toMatch(/ended \(exit code 2\) before it printed "never"/);
    expect((failure as Error).message).toContain('| no such thing: the reason');
  });

  it('gives up when its signal aborts, and leaves the program running', async () => {
    const p = node('setInterval(() => {}, 1000)');
    await expect(p.waitFor('never', { signal: AbortSignal.timeout(100) })).rejects.toThrow(
      /did not print "never" \(time is up\)/,
    );
    expect(p.exitCode).toBeUndefined();
    expect(await p.stop()).toBe(137);
  });

  it('reads the port of a listening line; says why when none comes', async () => {
    const server = node(
      'console.log("x listening on 127.0.0.1:4567"); setInterval(() => {}, 1000)',
    );
    expect(await listeningPort(server)).toBe(4567);
    await server.stop();
    const broken = node('console.error("cannot start"); process.exit(1)');
    const failure = await listeningPort(broken).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(NotListening);
    expect(failure).toMatchObject({ exitCode: 1, stderr: 'cannot start\n' });
  });
});

describe.runIf(process.platform === 'linux').each([
  { groups: true, how: 'a process group' },
  { groups: false, how: 'no process group (as on Windows)' },
])('stopping a program with $how', ({ groups }) => {
  it('runs it in a group of its own, or in ours', async () => {
    const p = start(['sleep', '300'], { groups });
    expect(groupOf(p.child.pid!) === p.child.pid).toBe(groups);
    await p.stop();
  });

  it('stops what it started too (sh -c → sleep)', async () => {
    const p = start(['sh', '-c', 'sleep 300 & echo $!; wait'], { groups });
    const sleeper = Number((await p.waitFor(/^(\d+)$/m))[1]);
    expect(alive(sleeper)).toBe(true);
    expect(await p.stop()).toBe(137);
    await gone(sleeper);
  });

  it('stops npx and the node it started', async () => {
    const p = start(['npx', 'tsx', 'examples/udp-server.ts', '--port', '0'], { groups });
    await listeningPort(p, 20_000);
    const below = descendants(p.child.pid);
    expect(below.length).toBeGreaterThan(0);
    await p.stop('SIGINT'); // Ctrl+C: the server closes its socket and ends, and npx with it
    await Promise.all([p.child.pid!, ...below].map(gone));
  });

  it('never hangs: a program that ignores its signal is killed, and the stop fails', async () => {
    const p = node(
      'process.on("SIGINT", () => {}); console.log("ready"); setInterval(() => {}, 1000)',
      { groups },
    );
    await p.waitFor('ready');
    await expect(p.stop('SIGINT', 300)).rejects.toThrow(
      'did not end within 300 ms of SIGINT: killed',
    );
    expect(p.exitCode).toBe(137);
  });

  it('stops what a program that has ended left running, or fails where it cannot find it', async () => {
    const p = start(['sh', '-c', 'sleep 300 & echo $!'], { groups });
    const left = Number((await p.waitFor(/^(\d+)$/m))[1]);
    if (p.child.exitCode === null) await once(p.child, 'exit');
    expect(alive(left)).toBe(true);
    if (groups) {
      expect(await p.stop()).toBe(0); // the group outlives its first program
      await gone(left);
    } else {
      // Without a group, an orphan is no one's child: the stop says so instead of waiting forever.
      await expect(p.stop('SIGKILL', 300)).rejects.toThrow('still runs after SIGKILL');
      process.kill(left, 'SIGKILL');
    }
    expect(await p.exited).toBe(0);
  });

  it('never hangs: output held open by a process that left the tree fails the stop', async () => {
    // The subshell starts a sleep in a session of its own and ends: the sleep is nobody's child
    // and in no group of ours, and it holds the program's output open.
    const p = start(['sh', '-c', "(setsid sh -c 'echo $$; exec sleep 300' &); exec sleep 300"], {
      groups,
    });
    const escaped = Number((await p.waitFor(/^(\d+)$/m))[1]);
    try {
      await expect(p.stop('SIGKILL', 300)).rejects.toThrow('still runs after SIGKILL');
    } finally {
      process.kill(escaped, 'SIGKILL');
    }
    expect(await p.exited).toBe(137);
  });
});

describe.runIf(process.platform === 'linux')('COURSE_PROCESS_GROUPS=0', () => {
  it('starts programs without a group of their own, as on Windows', async () => {
    const before = process.env.COURSE_PROCESS_GROUPS;
    process.env.COURSE_PROCESS_GROUPS = '0';
    try {
      const p = start(['sleep', '300']);
      expect(groupOf(p.child.pid!)).toBe(groupOf(process.pid));
      await p.stop();
    } finally {
      if (before === undefined) delete process.env.COURSE_PROCESS_GROUPS;
      else process.env.COURSE_PROCESS_GROUPS = before;
    }
  });
});

describe("the tests' side (test/processes.ts)", () => {
  it('until() shows what the programs it waited on wrote on stderr when it gives up', async () => {
    const receiver = run(process.execPath, [
      '-e',
      "console.error(\"AttributeError: module 'socket' has no attribute 'IP_RECVTTL'\"); process.exit(1)",
    ]);
    await receiver.exited;
    const quiet = run(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await expect(until(() => false, 100, 'the receiver')).rejects.toThrow(
      /^timed out waiting for the receiver\n"node -e .*": exit code 1\n.*wrote on stderr:\n {2}\| AttributeError: module 'socket' has no attribute 'IP_RECVTTL'$/,
    );
    await expect(until(() => false, 100, 'the server', quiet)).rejects.toThrow(
      /"node -e setInterval.*": still running, nothing on stderr$/,
    );
    await quiet.stop();
  });
});
