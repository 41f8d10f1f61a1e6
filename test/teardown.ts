// After the whole test run: no program that this run started may still be running.
// Every process a test starts inherits TEST_RUN_ID (set here, before the workers start),
// so another test run on the same machine, in parallel, is left alone. (Linux: a process's
// environment is read from /proc; where there is none, nothing is checked.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export default function setup() {
  const id = `${process.pid}-${Date.now()}`;
  process.env.TEST_RUN_ID = id;
  return () => {
    if (!existsSync('/proc/self/environ')) return;
    const left: string[] = [];
    for (const pid of readdirSync('/proc').filter(
      (p) => /^\d+$/.test(p) && Number(p) !== process.pid,
    )) {
      try {
        const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
        if (!env.split('\0').includes(`TEST_RUN_ID=${id}`)) continue;
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        if (/vitest|tinypool/.test(args)) continue; // the test runner's own workers
        left.push(`${pid} ${args}`);
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
    if (left.length) {
      process.exitCode = 1; // a throw here alone is printed but does not fail the run
      throw new Error(`processes left running by the tests (now killed):\n${left.join('\n')}`);
    }
  };
}
