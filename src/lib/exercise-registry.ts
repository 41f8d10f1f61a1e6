// Every exercise, by id: the folder examples/exercises/<id>/ with the starter the learner edits,
// solution.ts and check.ts (defineExercise: lesson, file, protocol, title, and the checks with
// their names and hints). The page (<Exercise>), `npm run check` and the tests load them here.
// A check.ts imports nothing but src/lib/exercise.ts: loading one brings no sockets and no
// processes, so the page build can (test/exercises.test.ts bundles this module to prove it).
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Exercise, Lang } from './exercise.ts';

const folder = new URL('../../examples/exercises/', import.meta.url);

/** Every exercise's id (its folder's name), in order. */
export function exerciseIds(): string[] {
  const dir = fileURLToPath(folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/check.ts`, folder)))
    .map((d) => d.name)
    .sort();
}

/** An exercise's definition, from examples/exercises/<id>/check.ts. */
export async function loadExercise(id: string): Promise<Exercise> {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`there is no exercise "${id}"`);
  // One level of folder in a template: Node resolves it next to this file; Vite bundles every match.
  return (await import(`../../examples/exercises/${id}/check.ts`)).default;
}

/** Every hint of an exercise's checks, in `lang`: what the page lists. */
export function hintsOf(exercise: Exercise, lang: Lang): string[] {
  return exercise.checks.flatMap((c) => (c.hint ? [c.hint[lang]] : []));
}

/**
 * The command a page shows for checking exercise `id`. Portuguese pages add `--lang pt`: a
 * terminal may not say that it speaks Portuguese (PowerShell has no LANG; WSL's Ubuntu sets
 * LANG=C.UTF-8). An exercise checked in a lab needs root: `sudo` first.
 */
export function checkCommand(id: string, lang: Lang, exercise?: Exercise): string {
  const sudo = exercise?.kind === 'lab' ? 'sudo ' : '';
  return `${sudo}npm run check -- ${id}${lang === 'pt' ? ' --lang pt' : ''}`;
}
