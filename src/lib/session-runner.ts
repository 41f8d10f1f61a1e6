// Runs a terminal session for real and returns its transcript (see session.ts).
//
// The rules that turn a real run into what a reader sees, all of them here:
// 1. Ports. A server step runs with `--port 0` (or with the real port already
//    chosen for the session's port, so a TCP and a UDP server can share it, as
//    they would on the reader's machine); its `listening on HOST:PORT` line
//    tells the real port. Every later command gets that real port: in place of
//    the session's port where the command names it, or as `--port N` appended
//    to an example that relies on its default. Ports in `closedPorts` become a
//    port that the OS has just reported free. In the output, each real port is
//    written back as the port the reader sees.
// 2. Ephemeral ports. Any other port in an address (127.0.0.1:PORT, 0.0.0.0:PORT, [::1]:PORT)
//    is one the OS picked for a client; it is written ⟨50001⟩, ⟨50002⟩, … in
//    order of appearance, and the page marks it as a value that will differ.
// 3. `npx tsx FILE` runs as `node --import tsx FILE`: the same program, without
//    npx's start-up (one test runs the literal npx command).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  INTERRUPT,
  commandOf,
  formatTranscript,
  type Session,
  type TerminalLine,
} from './session.ts';

const LISTENING = /listening on \S+:(\d+)[ \t]*\r?\n/;
const STEP_LIMIT_MS = 15_000;
const QUIET_MS = 150;
/** What `node --import` needs to run TypeScript: tsx's loader, as a file URL. */
export const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface RunOptions {
  /** The folder that holds examples/ (the repository, or a copy in a test). */
  root: string;
}

interface Running {
  child: ChildProcess;
  lines: TerminalLine[];
  output: { text: string };
  lastOutputAt: number;
  exited: Promise<number | null>;
}

export async function runSession(session: Session, { root }: RunOptions): Promise<string> {
  const terminals = new Map<string, TerminalLine[]>();
  const running = new Map<string, Running>();
  const ports = new Map<number, number>(); // shown port -> real port
  for (const shown of session.closedPorts ?? []) ports.set(shown, await freePort());

  try {
    for (const [index, step] of session.steps.entries()) {
      const lines = terminals.get(step.in) ?? [];
      terminals.set(step.in, lines);
      const where = `step ${index + 1} (terminal "${step.in}")`;

      if ('interrupt' in step) {
        const proc = running.get(step.in);
        if (!proc) throw new Error(`${where}: nothing is running there to interrupt`);
        await quiet(proc);
        flush(proc);
        lines.push({ kind: 'interrupt', text: INTERRUPT });
        process.kill(-proc.child.pid!, 'SIGINT');
        const code = await withLimit(proc.exited, `${where}: the program did not stop after Ctrl+C`);
        flush(proc);
        running.delete(step.in);
        if (code !== 0) throw new Error(`${where}: exit code ${code} after Ctrl+C, expected 0\n${proc.output.text}`);
        continue;
      }

      const shown = commandOf(step)!;
      lines.push({ kind: 'command', text: shown });
      const argv = realCommand(shown, session, ports, 'start' in step);
      const proc = launch(argv, root, lines, 'stdin' in step ? step.stdin : undefined);

      if ('start' in step) {
        running.set(step.in, proc);
        const match = await withLimit(
          waitFor(proc, LISTENING),
          `${where}: "${shown}" never printed its "listening on HOST:PORT" line`,
        );
        const real = Number(match[1]);
        const shownPort = shownPortOf(shown, session);
        if (!ports.has(shownPort)) ports.set(shownPort, real);
      } else {
        const code = await withLimit(proc.exited, `${where}: "${shown}" did not finish`);
        flush(proc);
        const expected = step.exit ?? 0;
        if (code !== expected) {
          throw new Error(`${where}: "${shown}" exited with ${code}, expected ${expected}\n${proc.output.text}`);
        }
      }
    }
    for (const name of running.keys()) {
      throw new Error(`terminal "${name}": a program is still running at the end; add an interrupt step`);
    }
  } finally {
    for (const proc of running.values()) killGroup(proc.child);
  }
  return normalise(formatTranscript(terminals), ports);
}

/** What really runs for a command the reader types. */
function realCommand(shown: string, session: Session, ports: Map<number, number>, isServer: boolean): string[] {
  const words = splitWords(shown);
  const runsExample = words[0] === 'npx' && words[1] === 'tsx';
  const argv = runsExample ? [process.execPath, '--import', tsxLoader, ...words.slice(2)] : words;
  const shownPort = shownPortOf(shown, session);
  const real = isServer ? (ports.get(shownPort) ?? 0) : ports.get(shownPort);
  for (let i = 0; i < argv.length; i++) {
    if (isServer && argv[i - 1] === '--port' && Number(argv[i]) === shownPort) {
      argv[i] = String(real);
      continue;
    }
    // A shown port anywhere in a word (12000, 127.0.0.1:12000, http://127.0.0.1:8080/) becomes the real one.
    argv[i] = argv[i].replace(/(?<![\d.])\d{1,5}(?![\d.])/g, (n) => {
      const mapped = ports.get(Number(n));
      return mapped === undefined || (isServer && Number(n) === shownPort) ? n : String(mapped);
    });
  }
  if (runsExample && !argv.includes('--port')) {
    // Never let a test fall back to an example's fixed default port.
    if (real === undefined) throw new Error(`"${shown}": no server listens on ${shownPort} yet; start one or list the port in closedPorts`);
    argv.push('--port', String(real));
  }
  return argv;
}

/** The port a command is about: the one after --port, or the session's. */
function shownPortOf(shown: string, session: Session): number {
  const m = /--port[ =](\d+)/.exec(shown);
  return m ? Number(m[1]) : session.port;
}

function launch(argv: string[], root: string, lines: TerminalLine[], stdin?: string): Running {
  const child = spawn(argv[0], argv.slice(1), {
    cwd: root,
    detached: true, // its own process group, so that nothing it starts outlives the session
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const proc: Running = {
    child,
    lines,
    output: { text: '' },
    lastOutputAt: Date.now(),
    exited: new Promise((resolve) => {
      child.on('error', () => resolve(null));
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    }),
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      proc.output.text += chunk;
      proc.lastOutputAt = Date.now();
    });
  }
  if (stdin !== undefined) child.stdin!.end(stdin);
  return proc;
}

/** Move the lines printed so far into the terminal (a last partial line only when `all`). */
function flush(proc: Running, all = true) {
  const text = proc.output.text.replace(/\r\n/g, '\n');
  const cut = all ? text.length : text.lastIndexOf('\n') + 1;
  proc.output.text = text.slice(cut);
  if (cut === 0) return;
  for (const line of text.slice(0, cut).replace(/\n$/, '').split('\n')) {
    proc.lines.push({ kind: 'output', text: line.trimEnd() });
  }
}

function waitFor(proc: Running, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(proc.output.text);
      if (!m) return;
      cleanup();
      flush(proc, false);
      resolve(m);
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`the program ended before it was listening:\n${proc.output.text}`));
    };
    const cleanup = () => {
      proc.child.stdout!.off('data', check);
      proc.child.stderr!.off('data', check);
      proc.child.off('close', onExit);
    };
    proc.child.stdout!.on('data', check);
    proc.child.stderr!.on('data', check);
    proc.child.on('close', onExit);
    check();
  });
}

/** Wait until the program has printed nothing for a moment. */
async function quiet(proc: Running) {
  while (Date.now() - proc.lastOutputAt < QUIET_MS) await sleep(QUIET_MS / 3);
}

function withLimit<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${STEP_LIMIT_MS / 1000} s`)), STEP_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Apply the port rules of the header comment to a transcript. */
export function normalise(transcript: string, ports: Map<number, number>): string {
  const shownOf = new Map([...ports].map(([shown, real]) => [real, shown]));
  const ephemeral = new Map<string, string>();
  const address = /(\b127\.0\.0\.1|\b0\.0\.0\.0|\[::1?\]|\[::ffff:127\.0\.0\.1\]|\blocalhost):(\d+)\b/g;
  return transcript.replace(address, (_, host: string, port: string) => {
    const real = Number(port);
    if (shownOf.has(real)) return `${host}:${shownOf.get(real)}`;
    if ([...ports.keys()].includes(real)) return `${host}:${port}`;
    if (!ephemeral.has(port)) ephemeral.set(port, `⟨${50001 + ephemeral.size}⟩`);
    return `${host}:${ephemeral.get(port)}`;
  }).replace(/\bport (\d+)\b/g, (whole, port: string) => {
    const shown = shownOf.get(Number(port));
    return shown === undefined ? whole : `port ${shown}`;
  });
}

/** Split a command line into words, honouring '…' and "…" quotes (no other shell syntax). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  }
  return words;
}

/** A port that nothing listens on right now, for TCP and UDP alike. */
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

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
