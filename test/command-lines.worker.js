// Programs' command lines, one after the other, in one worker thread (test/processes.ts,
// commandLines): each line runs a fresh copy of its program (its module, imported again) with
// that command line in process.argv. What it writes is kept; `process.exit` keeps the exit code
// and throws, which ends that copy where a process would have ended (nothing it writes after the
// exit counts). A program reads its command line before it opens anything, so a line it refuses
// leaves nothing behind; one that it accepts by mistake shows as a line with no exit code.
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

class Exited extends Error {}
const answers = [];
for (const { url, lines } of workerData.programs) {
  const results = [];
  for (const [i, args] of lines.entries()) {
    const result = { code: undefined, stdout: '', stderr: '' };
    const keep = (stream) => (chunk, encoding, done) => {
      if (result.code === undefined) result[stream] += String(chunk);
      (typeof encoding === 'function' ? encoding : done)?.();
      return true;
    };
    process.stdout.write = keep('stdout');
    process.stderr.write = keep('stderr');
    process.exit = (code = 0) => {
      result.code ??= code;
      throw new Exited();
    };
    process.argv = [process.execPath, fileURLToPath(url), ...args];
    try {
      await import(`${url}?line=${i}`);
    } catch (err) {
      // An exception it let escape, as Node would print it (a process would exit 1).
      if (result.code === undefined) {
        result.stderr += `${err?.stack ?? err}\n`;
        result.code = 1;
      }
    }
    process.removeAllListeners('uncaughtException'); // the copy's own handler, installed at its start
    results.push(result);
  }
  answers.push(results);
}
parentPort.postMessage(answers);
