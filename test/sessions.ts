// What test/sessions.test.ts and test/capture-sessions.test.ts share: the sessions, and the
// comparison of a fresh run with its golden file, whose failure says which file and what to do.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectStatic } from 'vitest';
import { parseTranscript, type Session } from '../src/lib/session.ts';
import { root } from './processes.ts';

export const dir = join(root, 'examples/sessions');

/** The name of every session: examples/sessions/NAME.session.ts. */
export const names = readdirSync(dir)
  .filter((f) => f.endsWith('.session.ts'))
  .map((f) => f.replace(/\.session\.ts$/, ''));

export const load = async (name: string): Promise<Session> =>
  (await import(`../examples/sessions/${name}.session.ts`)).default;

/**
 * Compare a fresh run with examples/sessions/NAME.txt. A difference names the file and the
 * command that rewrites it; a missing file fails under CI (it was never committed) and is
 * written, and said so, elsewhere; `vitest -u` (npm run sessions:update) rewrites the file.
 */
export async function matchGolden(
  expect: ExpectStatic,
  name: string,
  session: Session,
  transcript: string,
) {
  const file = `examples/sessions/${name}.txt`;
  const path = join(root, file);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (before === undefined && process.env.CI)
    throw new Error(
      `${file} does not exist: run \`npm run sessions:update\`, read the file it writes, and commit it`,
    );
  try {
    await expect(transcript).toMatchFileSnapshot(path);
  } catch (err) {
    (err as Error).message =
      `${file} differs from a fresh run of examples/sessions/${name}.session.ts. If the change ` +
      `is meant, run \`npm run sessions:update\`, read \`git diff examples/sessions/\` and commit ` +
      `it. Below, - is the file and + this run.\n${(err as Error).message}`;
    throw err;
  }
  if (before === undefined)
    console.log(`${file} is new, written from this run: read it, then commit it`);
  else if (readFileSync(path, 'utf8') !== before)
    console.log(`${file} was rewritten from this run: read \`git diff ${file}\`, then commit it`);
  // What the page shows is read back from the same file.
  expect(() => parseTranscript(transcript, session, file)).not.toThrow();
}
