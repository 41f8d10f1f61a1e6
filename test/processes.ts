// The tests' side of the process toolkit (src/lib/processes.ts): run the examples the way a
// reader does, on port 0, and never leave one behind.
//
// An example runs as the JavaScript Node makes of it: Node strips a .ts file's types at every
// start (the wasm stripper's start-up costs more than the program's own), so the tests strip
// each file once and run that. The same code, on the same Node; what the course shows in its
// transcripts comes from the real files (src/lib/session-runner.ts), and test/examples.test.ts
// and udp-echo.test.ts run real files with tsx and npx.
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { afterAll } from 'vitest';
import {
  installed,
  listeningPort,
  nameOf,
  repositoryRoot,
  start,
  stderrTail,
  stopAll,
  tsxLoader,
  type Process,
} from '../src/lib/processes.ts';

export const root = repositoryRoot;

// Every test file that starts programs gets them stopped when it ends (files may run concurrently).
afterAll(stopAll);

export type Run = Process;

/** What this test file started, newest last: a failed wait shows what they wrote on stderr. */
const started: Process[] = [];

/** Run `examples/<file>` as `node examples/<file>` does (its types stripped once, see above). */
export function runExample(file: string, args: string[] = [], options: { cwd?: string } = {}): Run {
  const [command, ...rest] = exampleArgv(file, args);
  return run(command, rest, options);
}

/** The command line that runs `examples/<file>` as runExample does, to run it another way. */
export function exampleArgv(file: string, args: string[] = []): string[] {
  return [process.execPath, strippedOf(file), ...args];
}

/**
 * Start a program. Its `waitFor` waits at most PATIENCE_MS unless given a signal of its own: what
 * a test waits for comes at once on a calm machine, and only a program that never prints it
 * (or ends first) makes the wait fail, saying what it waited for and what the program said.
 */
export function run(command: string, args: string[], { cwd = root }: { cwd?: string } = {}): Run {
  const proc = start([command, ...args], { cwd, stdin: 'pipe' });
  const waitFor = proc.waitFor;
  proc.waitFor = (pattern, options) =>
    waitFor(pattern, { signal: AbortSignal.timeout(PATIENCE_MS), ...options });
  started.push(proc);
  return proc;
}

/**
 * How long a test waits for an event (a line, an exit, a connection) that comes at once on a
 * calm machine: long enough that a busy one never runs out of it, short enough that a program
 * that never does its part fails with a message of its own before vitest's test timeout.
 */
export const PATIENCE_MS = 10_000;

/** A pattern for `text` found `n` times in what a program printed (`proc.waitFor(times(…))`). */
export function times(text: string, n: number): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:${escaped}[\\s\\S]*?){${n}}`);
}

/**
 * Run an example as on a system with no /proc (macOS, Windows): a preload makes every read
 * under /proc fail with ENOENT, as it would there.
 */
export function runWithoutProc(file: string, args: string[] = []): Run {
  const noProc = [
    'import fs from "node:fs"; import { syncBuiltinESMExports } from "node:module";',
    'const read = fs.readFileSync;',
    'fs.readFileSync = (file, ...rest) => {',
    '  if (String(file).startsWith("/proc/"))',
    '    throw Object.assign(new Error(`ENOENT: no such file or directory, open \'${file}\'`), { code: "ENOENT" });',
    '  return read(file, ...rest);',
    '};',
    'syncBuiltinESMExports();',
  ].join('\n');
  return run(process.execPath, [
    '--import',
    `data:text/javascript,${encodeURIComponent(noProc)}`,
    '--import',
    tsxLoader,
    `examples/${file}`,
    ...args,
  ]);
}

/** Run a program to its end (at most `limitMs`, then it is stopped): its exit code and output. */
export { finish } from '../src/lib/processes.ts';

/**
 * What a program prints on stderr for a failure: one line that names the error's code (Node's
 * own message, such as "connect ECONNREFUSED 127.0.0.1:12000", or the program's words).
 */
export const oneLineWith = (code: string) => new RegExp(`^[^\\n]*\\b${code}\\b[^\\n]*\\n$`);

/** Start a server on port 0 and wait for its `listening on HOST:PORT` line. */
export async function startServer(file: string, args: string[] = []) {
  const server = runExample(file, ['--port', '0', ...args]);
  const port = await listeningPort(server);
  return Object.assign(server, { port });
}

const stripped = new Map<string, string>(); // examples/<file> -> its JavaScript, in a scratch folder
const scratch = mkdtempSync(join(tmpdir(), 'stripped-'));
chmodSync(scratch, 0o755); // (readable by anyone: a test runs some as an unprivileged user)
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `examples/<file>` as JavaScript, the types stripped as Node strips them, in a scratch file. */
function strippedOf(file: string): string {
  if (!stripped.has(file)) {
    const js = join(scratch, file.replace(/\//g, '__').replace(/\.ts$/, '.mjs'));
    const emit = process.emitWarning; // (the stripper's "experimental" notice, once per file)
    process.emitWarning = () => {};
    try {
      writeFileSync(js, stripTypeScriptTypes(readFileSync(join(root, 'examples', file), 'utf8')));
    } finally {
      process.emitWarning = emit;
    }
    stripped.set(file, js);
  }
  return stripped.get(file)!;
}

/**
 * Run `examples/<file>` in a worker thread of this process, with `args`, as `node FILE ARGS`
 * would: how it answers its command line, at a fraction of a process's cost. Node strips the
 * types once per file (what it does on every start) and each run gets a thread of its own;
 * `process.exit` in a thread ends only the thread, and what it prints goes to the thread's
 * own stdout and stderr. An example reads its command line before it opens anything, but it
 * may open sockets after that: what runs here is only what a learner could run. A program still
 * running after `limitMs` fails the run.
 */
export async function runInThread(file: string, args: string[], limitMs = PATIENCE_MS) {
  const worker = new Worker(strippedOf(file), { argv: args, stdout: true, stderr: true });
  let stdout = '';
  let stderr = '';
  worker.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  worker.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), worker.terminate()), limitMs);
  const code = await new Promise<number>((resolve) => {
    worker.on('error', (err) => {
      stderr += `${err.stack ?? err}\n`; // an exception the program let escape
      resolve(1);
    });
    worker.on('exit', resolve);
  });
  clearTimeout(timer);
  if (timedOut)
    throw new Error(`examples/${file} ${args.join(' ')}: still running after ${limitMs} ms`);
  return { code, stdout, stderr };
}

/** How a program answered one command line: its exit code (none if it went on) and its output. */
export interface Answer {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

/**
 * How each program answers each of its command lines (lines that it must answer before it opens
 * anything: --help, mistakes), `programs` as `examples/<file>` → lines: each line runs a fresh
 * copy of the program with that command line, and ends where its `process.exit` is called, as a
 * process would (test/command-lines.worker.js). `threads` worker threads share the programs,
 * instead of a process (or a thread) per line.
 */
export async function commandLines(
  programs: Record<string, string[][]>,
  threads = 2,
): Promise<Record<string, Answer[]>> {
  const files = Object.keys(programs);
  const shares = Array.from({ length: threads }, (_, t) =>
    files.filter((_, i) => i % threads === t),
  );
  const answers = await Promise.all(
    shares.map(async (share) => {
      const worker = new Worker(new URL('./command-lines.worker.js', import.meta.url), {
        workerData: {
          programs: share.map((file) => ({
            url: pathToFileURL(strippedOf(file)).href,
            lines: programs[file],
          })),
        },
        stdout: true,
        stderr: true,
      });
      try {
        const [results] = (await Promise.race([
          once(worker, 'message'),
          once(worker, 'exit').then(() => {
            throw new Error('the thread ended before it answered every command line');
          }),
        ])) as [Answer[][]];
        return share.map((file, i) => [file, results[i]] as const);
      } finally {
        await worker.terminate();
      }
    }),
  );
  return Object.fromEntries(answers.flat());
}

/**
 * Wait until `predicate()` holds, polling; fail after `limitMs`. Only for what no event tells:
 * the kernel's state (ss's rows, a process in /proc); a program's output and exit, a socket's
 * data and close are events to wait for. The failure shows what the programs waited on wrote on
 * stderr (`programs`, or else every program this file started that ended badly or wrote on
 * stderr): the reason a program never did its part is usually there.
 */
export async function until(
  predicate: () => boolean,
  limitMs = 5000,
  what = 'condition',
  ...programs: Process[]
) {
  const end = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${stateOf(programs)}`);
    await sleep(20);
  }
}

/** How the programs stand: each one's exit code (or "still running") and the end of its stderr. */
function stateOf(programs: Process[]): string {
  const shown = programs.length
    ? programs
    : started.filter((p) => p.stderr().trim() || (p.exitCode ?? 0) !== 0).slice(-3);
  return shown
    .map((p) => {
      const state = p.exitCode === undefined ? 'still running' : `exit code ${p.exitCode}`;
      return `\n${nameOf(p)}: ${state}${stderrTail(p) || ', nothing on stderr'}`;
    })
    .join('');
}

/**
 * Is a system tool installed? Tests that need nc, lsof, ss, curl or python3 run only
 * where it is, and say so where it is not; in CI (.ci/run installs them) a missing one fails.
 */
export function has(tool: string): boolean {
  if (installed(tool)) return true;
  const pkg = { nc: 'netcat-openbsd', ss: 'iproute2' }[tool] ?? tool;
  if (process.env.CI) throw new Error(`${tool} is missing: .ci/run installs it`);
  console.warn(`skipping the ${tool} tests: ${tool} is not installed (apt-get install ${pkg})`);
  return false;
}
