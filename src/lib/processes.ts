// The process toolkit: how the tests, the session runner, the exercise checker and the benches
// start a program, read and wait for what it prints, and stop it without leaving anything behind.
//
// Stopping a program stops whatever it started too (npx starts node, a shell starts its command…).
// On Linux and macOS every program runs in a process group of its own and a signal goes to the
// whole group. Windows has no process groups: there a program runs without `detached` (which
// would open a console window for each one) and `taskkill /T` ends it with its tree.
// COURSE_PROCESS_GROUPS=0 takes that road on Linux too, where the tree is read from /proc, so the
// tests keep it working (test/processes.test.ts). A stop never hangs: it ends the program or fails,
// loudly, after a bounded time.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { slack } from './slack.ts';

/** The folder that holds examples/, src/ and test/. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The contract between a server and everything that starts it: a line that says
 * `… listening on HOST:PORT` with the real port. netcat-openbsd's `-v` says `Bound on HOST PORT`.
 */
export const LISTENING = /(?:listening on \S+:|Bound on \S+ )(\d+)[ \t]*\r?\n/;

/** tsx's loader, for `node --import`: what `npx tsx` runs, without npx's start-up. */
export const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * The command that runs a TypeScript file. The course's examples are erasable TypeScript, so
 * Node runs them itself (type stripping, Node >= 22.18), the fastest start; a file that may not
 * be (a learner's exercise, the course's own tools) runs with tsx, as `npx tsx` would.
 */
export function typescript(file: string, args: string[] = [], { tsx = false } = {}): string[] {
  return tsx
    ? [process.execPath, '--import', tsxLoader, file, ...args]
    : [process.execPath, file, ...args];
}

/** How long a stop may take before it fails (and, after a signal that asks, before SIGKILL). */
const STOP_LIMIT_MS = slack(5000);

export interface Process {
  child: ChildProcess;
  /** The command line it was started with. */
  argv: string[];
  /** What it printed so far: on stdout, on stderr, and both in the order they came (as a terminal shows them). */
  stdout(): string;
  stderr(): string;
  output(): string;
  /** Resolves once it has ended and all it printed is read, with its exit code (see `exitCode`). */
  exited: Promise<number>;
  /** Its exit code once it has ended, as a shell says it: the code, or 128 + n after signal n. */
  readonly exitCode: number | undefined;
  /**
   * Resolves with the match once `pattern` appears in what it prints; rejects with a WaitFailed
   * when it ends first, or when `signal` aborts first (AbortSignal.timeout(ms) sets a limit).
   */
  waitFor(pattern: RegExp | string, options?: WaitOptions): Promise<RegExpExecArray>;
  /** Send a signal to it and to everything it started (Ctrl+C in a terminal is SIGINT). */
  kill(signal?: NodeJS.Signals): void;
  /**
   * End it and everything it started: send `signal` (SIGKILL by default) and resolve with its
   * exit code once it has ended. A program still running `limitMs` after a signal that asks is
   * killed, and the stop fails; one that even SIGKILL does not end fails the stop too.
   */
  stop(signal?: NodeJS.Signals, limitMs?: number): Promise<number>;
  /** Bytes it has written so far, on its output and to files and sockets alike (Linux's /proc/PID/io); undefined where the system does not say. */
  written(): number | undefined;
}

export interface WaitOptions {
  /** Give up once this aborts. */
  signal?: AbortSignal;
  /** Where to look: both outputs (the default), or one of them. */
  stream?: 'output' | 'stdout' | 'stderr';
  /** Look only at what comes from this index of that text on. */
  from?: number;
}

/** Why a wait for a program's output ended without it. */
export class WaitFailed extends Error {
  override name = 'WaitFailed';
  /** The program's exit code if it had ended; undefined when the wait was given up. */
  readonly exitCode: number | undefined;
  constructor(proc: Process, pattern: RegExp | string, exitCode: number | undefined, why = '') {
    const what = typeof pattern === 'string' ? `"${pattern}"` : String(pattern);
    super(
      (exitCode === undefined
        ? `${nameOf(proc)} did not print ${what}${why ? ` (${why})` : ''}`
        : `${nameOf(proc)} ended (exit code ${exitCode}) before it printed ${what}`) +
        stderrTail(proc),
    );
    this.exitCode = exitCode;
  }
}

export interface StartOptions {
  cwd?: string;
  /** 'pipe' keeps its input open for writing; a string is written, then the input is closed. */
  stdin?: 'ignore' | 'pipe' | string;
  env?: NodeJS.ProcessEnv;
  /** A process group of its own (not on Windows, which has none; COURSE_PROCESS_GROUPS=0: not either). */
  groups?: boolean;
}

const running = new Set<Process>();

/** Start `argv`; what it starts is stopped with it (see the top of this file). */
export function start(
  argv: string[],
  {
    cwd = repositoryRoot,
    stdin = 'ignore',
    env = {},
    groups = groupsByDefault(),
  }: StartOptions = {},
): Process {
  const child = spawn(argv[0], argv.slice(1), {
    cwd,
    detached: groups,
    windowsHide: true,
    stdio: [stdin === 'ignore' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  const text = { stdout: '', stderr: '', output: '' };
  const events = new EventEmitter().setMaxListeners(0); // 'data': a chunk was added to `text`; 'end'
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]!.setEncoding('utf8').on('data', (chunk: string) => {
      text[stream] += chunk;
      text.output += chunk;
      events.emit('data');
    });
  }
  child.stdin?.on('error', () => {}); // writing to a program that has just ended (EPIPE) is not an error
  if (stdin !== 'ignore' && stdin !== 'pipe') child.stdin!.end(stdin);
  let failedToStart = false;
  const exited = new Promise<number>((resolve) => {
    child.on('error', (e) => {
      failedToStart = true; // could not start it at all (ENOENT)
      text.stderr += `${e.message}\n`;
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(exitCode(code, signal)));
  });
  exited.then(() => events.emit('end'));

  const proc: Process = {
    child,
    argv,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    output: () => text.output,
    exited,
    get exitCode() {
      if (failedToStart) return 127;
      return child.exitCode === null && child.signalCode === null
        ? undefined
        : exitCode(child.exitCode, child.signalCode);
    },
    waitFor: (pattern, { signal, stream = 'output', from = 0 } = {}) =>
      new Promise((resolve, reject) => {
        const find = matcher(pattern);
        let ended: number | undefined;
        const check = () => {
          const m = find(text[stream], from);
          if (m) done(() => resolve(m));
          else if (ended !== undefined) done(() => reject(new WaitFailed(proc, pattern, ended)));
        };
        const onEnd = () => exited.then((code) => ((ended = code), check()));
        const onAbort = () =>
          done(() => reject(new WaitFailed(proc, pattern, undefined, reasonOf(signal!))));
        const done = (settle: () => void) => {
          events.off('data', check).off('end', onEnd);
          signal?.removeEventListener('abort', onAbort);
          settle();
        };
        events.on('data', check).once('end', onEnd);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (signal?.aborted) onAbort();
        else if (proc.exitCode !== undefined) onEnd();
        else check();
      }),
    kill: (signal = 'SIGKILL') => signalTree(child, groups, signal),
    stop: async (signal = 'SIGKILL', limitMs = STOP_LIMIT_MS) => {
      const alive = proc.exitCode === undefined;
      const tree = groups || !alive ? [] : descendants(child.pid); // before the signal: orphans leave it
      const ends = async (ms: number) =>
        within(exited, AbortSignal.timeout(ms)).then(
          () => true,
          () => false,
        );
      let asked = true; // it ended on the signal it was asked with
      try {
        proc.kill(signal);
        if (signal !== 'SIGKILL' && !(await ends(limitMs))) {
          asked = false;
          proc.kill('SIGKILL');
        }
        if (!(await ends(signal === 'SIGKILL' ? limitMs : STOP_LIMIT_MS)))
          throw new Error(
            `${nameOf(proc)} (pid ${child.pid}) or what it started still runs after SIGKILL`,
          );
        if (!asked)
          throw new Error(`${nameOf(proc)} did not end within ${limitMs} ms of ${signal}: killed`);
        return exited;
      } finally {
        // What it started and left running (a child that ignored the signal) goes with it.
        if (groups) signalGroup(child.pid, 'SIGKILL');
        for (const pid of tree) signalPid(pid, 'SIGKILL');
      }
    },
    written: () => {
      try {
        return Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))![1]);
      } catch {
        return undefined;
      }
    },
  };
  running.add(proc);
  exited.then(() => running.delete(proc));
  return proc;
}

/** Stop every program started here that is still running (a test file's afterAll). */
export async function stopAll() {
  await Promise.all([...running].map((proc) => proc.stop()));
}

/** The one exit-code rule: the code, or 128 + n after signal n, as a shell says it. */
function exitCode(code: number | null, signal: NodeJS.Signals | null): number {
  return code ?? 128 + (signal ? constants.signals[signal] : 0);
}

/** `promise`, unless `signal` aborts first: then its reason. */
export function within<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function groupsByDefault(): boolean {
  return process.platform !== 'win32' && process.env.COURSE_PROCESS_GROUPS !== '0';
}

function signalTree(child: ChildProcess, groups: boolean, signal: NodeJS.Signals) {
  if (child.pid === undefined) return; // it never started
  // A group outlives its first program while what it started runs; a tree is lost with its root.
  if (groups) return signalGroup(child.pid, signal);
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32') {
    // No signals there: taskkill ends the program and its tree (/T), at once (/F).
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  // Read the whole tree before any of it ends (an orphan is no longer anyone's child).
  for (const pid of [child.pid, ...descendants(child.pid)]) signalPid(pid, signal);
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (pid !== undefined) signalPid(-pid, signal);
}

function signalPid(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Every process below `pid`, from /proc (Linux) or `ps` (elsewhere); none on Windows. */
export function descendants(pid: number | undefined): number[] {
  if (pid === undefined || process.platform === 'win32') return [];
  const parentOf = new Map<number, number>();
  try {
    for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // "PID (NAME) STATE PPID …": NAME may hold spaces and parentheses, so read after the last ')'.
        parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // ended meanwhile
      }
    }
  } catch {
    for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
      .trim()
      .split('\n')) {
      const [child, parent] = line.trim().split(/\s+/).map(Number);
      parentOf.set(child, parent);
    }
  }
  const found: number[] = [];
  for (let i = -1; i < found.length; i++) {
    const parent = i < 0 ? pid : found[i];
    for (const [child, itsParent] of parentOf) if (itsParent === parent) found.push(child);
  }
  return found;
}

/** A function that finds `pattern` in a text from an index on (a string is looked for as is). */
function matcher(pattern: RegExp | string) {
  const regex =
    typeof pattern === 'string'
      ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (text: string, from: number) => {
    const m = regex.exec(text.slice(from));
    if (m) m.index += from;
    return m;
  };
}

function reasonOf(signal: AbortSignal): string {
  const reason = signal.reason as Error | undefined;
  return reason?.name === 'TimeoutError' ? 'time is up' : String(reason?.message ?? reason);
}

/** How a message names a program: its command line, with `node` for this Node. */
export function nameOf(proc: Process): string {
  const [first, ...rest] = proc.argv;
  return `"${[first === process.execPath ? 'node' : basename(first), ...rest].join(' ')}"`;
}

/** The last lines it wrote on stderr, to show under a failure. */
export function stderrTail(proc: Process, lines = 10): string {
  const tail = proc.stderr().trimEnd().split('\n').filter(Boolean).slice(-lines);
  return tail.length
    ? `\n${nameOf(proc)} wrote on stderr:\n${tail.map((l) => `  | ${l}`).join('\n')}`
    : '';
}

/** Why a server never said where it listens. */
export class NotListening extends Error {
  override name = 'NotListening';
  readonly exitCode: number | undefined; // undefined: still running, silent past the limit
  readonly stderr: string;
  readonly limitMs: number;
  constructor(exitCode: number | undefined, stderr: string, limitMs: number) {
    super(
      exitCode === undefined
        ? `did not say "listening on HOST:PORT" within ${limitMs} ms\n${stderr}`
        : `ended (exit code ${exitCode}) before it said "listening on HOST:PORT"\n${stderr}`,
    );
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.limitMs = limitMs;
  }
}

/** Wait for the LISTENING line on stdout or stderr; resolves with the port it names. */
export async function listeningPort(proc: Process, limitMs = 10_000): Promise<number> {
  try {
    const m = await proc.waitFor(LISTENING, { signal: AbortSignal.timeout(limitMs) });
    return Number(m[1]);
  } catch (err) {
    if (err instanceof WaitFailed) throw new NotListening(err.exitCode, proc.stderr(), limitMs);
    throw err;
  }
}

/** Wait for a program to end, stopping it after `limitMs`; its exit code and output. */
export async function finish(proc: Process, limitMs = 10_000) {
  const code = await within(proc.exited, AbortSignal.timeout(limitMs)).catch(() => proc.stop());
  return { code, stdout: proc.stdout(), stderr: proc.stderr() };
}

/** A port that nothing listens on right now, for TCP and UDP alike, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
      server.on('error', reject);
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.on('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/**
 * A port free for TCP and UDP on 127.0.0.1, below the kernel's ephemeral range: the kernel never
 * hands it out by itself (to a `--port 0` server or a client's connect, in this test run or in
 * another one at the same time), so it stays free until the caller uses it. `alsoUnused` may
 * refuse a candidate; after 200 refused candidates, any free port.
 */
export async function portBelowEphemeral(
  alsoUnused: (port: number) => boolean = () => true,
): Promise<number> {
  let low = 32768; // Linux's default, where /proc does not say
  try {
    low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
  } catch {}
  const top = Math.min(low || 32768, 32768) - 1;
  for (let tries = 0; tries < 200; tries++) {
    const port = 20000 + Math.floor(Math.random() * (top - 20000));
    if ((await bindable(port)) && alsoUnused(port)) return port;
  }
  return freePort();
}

/** Can a TCP server and a UDP socket both bind 127.0.0.1:port right now? */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => {
      const socket = createSocket('udp4');
      socket.once('error', () => server.close(() => resolve(false)));
      socket.bind(port, '127.0.0.1', () => socket.close(() => server.close(() => resolve(true))));
    });
  });
}

/** Is a system program (nc, lsof, ss, curl, python3, tcpdump…) installed? */
export function installed(tool: string): boolean {
  const probe =
    process.platform === 'win32'
      ? spawnSync('where', [tool], { stdio: 'ignore' })
      : spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
  return probe.status === 0;
}
