// The tests' side of the process toolkit (src/lib/processes.ts): run the examples the way a
// reader does, on port 0, and never leave one behind.
import { once } from 'node:events';
import { afterAll } from 'vitest';
import {
  finish as finishProcess,
  installed,
  listeningPort,
  repositoryRoot,
  start,
  stopAll,
  typescript,
  type Process,
} from '../src/lib/processes.ts';

export const root = repositoryRoot;

// Every test file that starts programs gets them stopped when it ends (files may run concurrently).
afterAll(stopAll);

export interface Run extends Process {
  /** Resolves with the exit code (128 + n after signal n). */
  exit: Promise<number>;
}

const asRun = (proc: Process): Run => Object.assign(proc, { exit: proc.exited });

/** Run `examples/<file>` as `node examples/<file>`: what `npx tsx` does, faster (Node strips the types). */
export function runExample(file: string, args: string[] = [], options: { cwd?: string } = {}): Run {
  return asRun(start(typescript(`examples/${file}`, args), { ...options, stdin: 'pipe' }));
}

export function run(command: string, args: string[], { cwd = root }: { cwd?: string } = {}): Run {
  return asRun(start([command, ...args], { cwd, stdin: 'pipe' }));
}

/** Run a program to its end (at most `limitMs`) and return its exit code and output. */
export const finish = (r: Run, limitMs = 10_000) => finishProcess(r, limitMs);

/** Start a server on port 0 and wait for its `listening on HOST:PORT` line. */
export async function startServer(file: string, args: string[] = []) {
  const server = runExample(file, ['--port', '0', ...args]);
  const port = await listeningPort(server);
  return Object.assign(server, { port });
}

/** Wait until `predicate()` holds, polling; fail after `limitMs`. */
export async function until(predicate: () => boolean, limitMs = 5000, what = 'condition') {
  const end = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
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

export { once };
