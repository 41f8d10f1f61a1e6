// `npm run check -- [ID] [--lang pt|en] [--file FILE]`: checks a learner's exercise and says,
// in their language, what passes, what does not, and a hint for the first failure.
// The exercises are examples/exercises/<id>/ (src/lib/exercise-registry.ts); the checks run in
// src/lib/exercise-runner.ts.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Lang } from './exercise.ts';
import { exerciseIds, loadExercise } from './exercise-registry.ts';
import { runChecks } from './exercise-runner.ts';
import { repositoryRoot as root } from './processes.ts';

const exercisesDir = join(root, 'examples/exercises');

/**
 * The learner's language: --lang; else the first of LC_ALL, LC_MESSAGES and LANG that is set
 * (an empty one is not), unless it names no language (C, C.UTF-8, POSIX); else the system's, as
 * Node's Intl reports it; else English. On Windows, where PowerShell sets none of the
 * variables, Intl says the user's regional format (pt-BR); on Linux and macOS it reads the same
 * variables, so WSL's Ubuntu (LANG=C.UTF-8) gets English: the Portuguese pages say --lang pt.
 */
export function pickLang(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  system = Intl.DateTimeFormat().resolvedOptions().locale,
): Lang {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find(Boolean);
  const named = posix && !/^(C|POSIX)([._@]|$)/i.test(posix) ? posix : undefined;
  return /^pt/i.test(flag ?? named ?? system) ? 'pt' : 'en';
}

const UI = {
  pt: {
    usage: 'uso: npm run check -- EXERCÍCIO [--lang pt|en] [--file ARQUIVO] [--seed N]',
    list: 'Exercícios (confira um com npm run check -- NOME):',
    unknown: (id: string) => `não existe exercício "${id}".`,
    lesson: 'lição',
    checking: (id: string, file: string) => `Conferindo ${id} em ${file}`,
    missing: (file: string) => `o arquivo ${file} não existe.`,
    summary: (ok: number, all: number) => `${ok} de ${all} verificações passaram.`,
    done: 'Tudo certo: o exercício está resolvido!',
    hint: 'Dica',
    notRun: 'não verificado',
  },
  en: {
    usage: 'usage: npm run check -- EXERCISE [--lang pt|en] [--file FILE] [--seed N]',
    list: 'Exercises (check one with npm run check -- NAME):',
    unknown: (id: string) => `there is no exercise "${id}".`,
    lesson: 'lesson',
    checking: (id: string, file: string) => `Checking ${id} in ${file}`,
    missing: (file: string) => `the file ${file} does not exist.`,
    summary: (ok: number, all: number) => `${ok} of ${all} checks passed.`,
    done: 'All good: the exercise is solved!',
    hint: 'Hint',
    notRun: 'not checked',
  },
};

/** The command; returns its exit code (0 solved, 1 not yet, 2 a usage error). */
export async function main(args: string[], print = console.log): Promise<number> {
  let values: { lang?: string; file?: string; seed?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { lang: { type: 'string' }, file: { type: 'string' }, seed: { type: 'string' } },
    }));
    if (values.seed !== undefined && !/^\d{1,9}$/.test(values.seed))
      throw new Error('--seed takes a whole number, as a failed check prints it');
  } catch (err) {
    print(`${(err as Error).message}\n${UI[pickLang(undefined)].usage}`);
    return 2;
  }
  const lang = pickLang(values.lang);
  const ui = UI[lang];
  const ids = exerciseIds();
  const list = async () => {
    for (const id of ids) {
      const ex = await loadExercise(id);
      print(
        `  ${id.padEnd(14)} ${ex.title[lang]} (${ui.lesson} ${ex.lesson}, examples/exercises/${id}/${ex.file})`,
      );
    }
  };
  const [id] = positionals;
  if (!id) {
    print(ui.list);
    await list();
    return 0;
  }
  if (!ids.includes(id)) {
    print(`${ui.unknown(id)}\n${ui.list}`);
    await list();
    return 2;
  }
  const exercise = await loadExercise(id);
  const file = values.file ?? join(exercisesDir, id, exercise.file);
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) {
    print(ui.missing(shown));
    return 2;
  }
  print(`${ui.checking(id, shown)}\n`);
  const seed = values.seed === undefined ? undefined : Number(values.seed); // a client exercise's run, repeated
  const results = await runChecks(exercise, file, root, { seed });
  for (const r of results) {
    const mark = r.passed ? '✓' : r.detail ? '✗' : '·';
    print(`  ${mark} ${r.name[lang]}${!r.passed && !r.detail ? ` (${ui.notRun})` : ''}`);
    if (r.detail) print(r.detail[lang].replace(/^/gm, '      '));
  }
  const ok = results.filter((r) => r.passed).length;
  print(`\n${ui.summary(ok, results.length)}`);
  const first = results.find((r) => !r.passed && r.hint);
  if (ok === results.length) print(ui.done);
  else if (first?.hint) print(`${ui.hint}: ${first.hint[lang]}`);
  return ok === results.length ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
