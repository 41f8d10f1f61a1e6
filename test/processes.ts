// Start example programs the way a reader does, on port 0, and never leave one behind.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll } from 'vitest';
import { repositoryRoot, tsxLoader as tsx } from '../src/lib/session-runner.ts';

export const root = repositoryRoot;
const started = new Set<ChildProcess>();

// Every test file that starts programs gets them killed when it ends (tests may run concurrently).
afterAll(() => {
  for (const child of started) killGroup(child);
  started.clear();
});

export interface Run {
  child: ChildProcess;
  /** stdout and stderr so far */
  stdout: () => string;
  stderr: () => string;
  /** resolves with the exit code (or the signal's name) */
  exit: Promise<number | string>;
}

/** Run `examples/<file>` with `node --import tsx` (what `npx tsx` does, faster). */
export function runExample(file: string, args: string[] = [], options: { cwd?: string } = {}): Run {
  return run(process.execPath, ['--import', tsx, `examples/${file}`, ...args], options);
}

export function run(command: string, args: string[], { cwd = root }: { cwd?: string } = {}): Run {
  const child = spawn(command, args, {
    cwd,
    detached: true, // a process group of its own: killGroup() reaches its children too
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  started.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<number | string>((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Run a program to its end (at most `limitMs`) and return its exit code and output. */
export async function finish(r: Run, limitMs = 10_000) {
  const timer = setTimeout(() => killGroup(r.child), limitMs);
  const code = await r.exit;
  clearTimeout(timer);
  return { code, stdout: r.stdout(), stderr: r.stderr() };
}

/** Start a server on port 0 and wait for its `listening on HOST:PORT` line. */
export async function startServer(file: string, args: string[] = []) {
  const server = runExample(file, ['--port', '0', ...args]);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not say "listening on" in 10 s: ${server.stderr()}`)), 10_000);
    const check = () => {
      const m = /listening on \S+:(\d+)\n/.exec(server.stdout());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    server.child.stdout!.on('data', check);
    server.exit.then(() => reject(new Error(`${file} exited before listening: ${server.stderr()}`)));
  });
  return { ...server, port };
}

/** Wait until `predicate()` holds, polling; fail after `limitMs`. */
export async function until(predicate: () => boolean, limitMs = 5000, what = 'condition') {
  const end = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Is a system tool installed? Tests that need nc, lsof, ss, curl or python3 run only
 * where it is, and say so where it is not; in CI (.ci/run installs them) a missing one fails.
 */
export function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`]);
    return true;
  } catch {
    const pkg = { nc: 'netcat-openbsd', ss: 'iproute2' }[tool] ?? tool;
    if (process.env.CI) throw new Error(`${tool} is missing: .ci/run installs it`);
    console.warn(`skipping the ${tool} tests: ${tool} is not installed (apt-get install ${pkg})`);
    return false;
  }
}

export { once };
