// The process toolkit: how the tests, the session runner, the exercise checker and the benches
// start a program, wait for a server to say where it listens, and stop it without leaving
// anything behind. Every program runs in a process group of its own, so that stopping it also
// stops whatever it started (npx starts node, a shell starts its command…).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

export interface Process {
  child: ChildProcess;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once it has ended, with its exit code, or 128 + n for a signal, as a shell says. */
  exited: Promise<number>;
  /** Send a signal to its whole process group (Ctrl+C is SIGINT); SIGKILL by default. */
  stop(signal?: NodeJS.Signals): void;
}

export interface StartOptions {
  cwd?: string;
  /** 'pipe' keeps its input open for writing; a string is written, then the input is closed. */
  stdin?: 'ignore' | 'pipe' | string;
  env?: NodeJS.ProcessEnv;
}

const running = new Set<Process>();

/** Start `argv` in a process group of its own. */
export function start(
  argv: string[],
  { cwd = repositoryRoot, stdin = 'ignore', env = {} }: StartOptions = {},
): Process {
  const child = spawn(argv[0], argv.slice(1), {
    cwd,
    detached: true,
    stdio: [stdin === 'ignore' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin?.on('error', () => {}); // writing to a program that has just ended (EPIPE) is not an error
  if (stdin !== 'ignore' && stdin !== 'pipe') child.stdin!.end(stdin);
  const proc: Process = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: new Promise((resolve) => {
      child.on('error', (e) => {
        err += `${e.message}\n`; // could not start it at all (ENOENT)
        resolve(127);
      });
      child.on('close', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
    }),
    stop: (signal = 'SIGKILL') => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
  };
  running.add(proc);
  proc.exited.then(() => running.delete(proc));
  return proc;
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? constants.signals[signal] : 0;
}

/** Stop every program started here that is still running (a test file's afterAll). */
export function stopAll() {
  for (const proc of running) proc.stop();
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
export function listeningPort(proc: Process, limitMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = LISTENING.exec(proc.stdout()) ?? LISTENING.exec(proc.stderr());
      if (m) done(() => resolve(Number(m[1])));
    };
    const timer = setTimeout(
      () => done(() => reject(new NotListening(undefined, proc.stderr(), limitMs))),
      limitMs,
    );
    const done = (settle: () => void) => {
      clearTimeout(timer);
      proc.child.stdout!.off('data', check);
      proc.child.stderr!.off('data', check);
      settle();
    };
    proc.child.stdout!.on('data', check);
    proc.child.stderr!.on('data', check);
    proc.exited.then((code) =>
      setImmediate(() => done(() => reject(new NotListening(code, proc.stderr(), limitMs)))),
    );
    check();
  });
}

/** Wait for a program to end, stopping it after `limitMs`; its exit code and output. */
export async function finish(proc: Process, limitMs = 10_000) {
  const timer = setTimeout(() => proc.stop(), limitMs);
  const code = await proc.exited;
  clearTimeout(timer);
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
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
