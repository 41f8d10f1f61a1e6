// `npm run check -- [ID] [--lang pt|en] [--file FILE] [--watch]`: checks a learner's exercise and
// says, in their language, what passes, what does not, and a hint for the first failure. A pass
// is recorded in .progress.json (src/lib/progress.ts); without an ID, the command lists every
// exercise, lesson by lesson in course order, with a ✓ for those solved and a progress bar.
// --watch checks again every time the file is saved, until Ctrl+C.
// The exercises are examples/exercises/<id>/ (src/lib/exercise-registry.ts); the checks run in
// src/lib/exercise-runner.ts.
import { existsSync, watch } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Exercise, Lang } from './exercise.ts';
import { exerciseIds, loadExercise } from './exercise-registry.ts';
import { runChecks } from './exercise-runner.ts';
import { repositoryRoot as root, stopAll } from './processes.ts';
import {
  bar,
  lessonOrder,
  lessonTitle,
  progressFile,
  readProgress,
  recordPass,
  type Progress,
} from './progress.ts';

const exercisesDir = join(root, 'examples/exercises');
/** How long a file must stay unchanged before --watch checks it: editors write a file in several steps. */
export const DEBOUNCE_MS = 200;

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
    usage: 'uso: npm run check -- [EXERCÍCIO [--watch]] [--lang pt|en] [--file ARQUIVO] [--seed N]',
    list: 'Exercícios, na ordem das lições (confira um com npm run check -- NOME):',
    others: 'Outros',
    solved: (ok: number, all: number) => `${ok} de ${all} exercícios resolvidos`,
    unknown: (id: string) => `não existe exercício "${id}".`,
    checking: (id: string, file: string) => `Conferindo ${id} em ${file}`,
    missing: (file: string) => `o arquivo ${file} não existe.`,
    summary: (ok: number, all: number) => `${ok} de ${all} verificações passaram.`,
    done: 'Tudo certo: o exercício está resolvido!',
    saved: (file: string) => `Progresso salvo em ${file}:`,
    compare: (file: string) => `Agora compare a sua solução com a do curso: ${file}`,
    hint: 'Dica',
    notRun: 'não verificado',
    watching: (file: string) =>
      `Observando ${file}: a cada vez que você salvar, confiro de novo. Ctrl+C para sair.`,
    changed: (file: string) => `${file} mudou: conferindo de novo.`,
    stopped: 'Parei de observar.',
  },
  en: {
    usage: 'usage: npm run check -- [EXERCISE [--watch]] [--lang pt|en] [--file FILE] [--seed N]',
    list: 'Exercises, in lesson order (check one with npm run check -- NAME):',
    others: 'Others',
    solved: (ok: number, all: number) => `${ok} of ${all} exercises solved`,
    unknown: (id: string) => `there is no exercise "${id}".`,
    checking: (id: string, file: string) => `Checking ${id} in ${file}`,
    missing: (file: string) => `the file ${file} does not exist.`,
    summary: (ok: number, all: number) => `${ok} of ${all} checks passed.`,
    done: 'All good: the exercise is solved!',
    saved: (file: string) => `Progress saved in ${file}:`,
    compare: (file: string) => `Now compare your solution with the course's: ${file}`,
    hint: 'Hint',
    notRun: 'not checked',
    watching: (file: string) =>
      `Watching ${file}: every time you save it, I check again. Ctrl+C to stop.`,
    changed: (file: string) => `${file} changed: checking again.`,
    stopped: 'Stopped watching.',
  },
};

/** A path as the learner's terminal would write it: relative to where they are, if inside it. */
const shown = (file: string) => {
  const path = relative(process.cwd(), file);
  return path && !path.startsWith('..') && !isAbsolute(path) ? path : file;
};

/** Every exercise, lesson by lesson in course order, each with ✓ once solved; then the count. */
async function listing(lang: Lang, ids: string[], progress: Progress, print: (s: string) => void) {
  const ui = UI[lang];
  const byLesson = new Map<string, [string, Exercise][]>();
  for (const id of ids) {
    const exercise = await loadExercise(id);
    byLesson.set(exercise.lesson, [...(byLesson.get(exercise.lesson) ?? []), [id, exercise]]);
  }
  const order = lessonOrder();
  const lessons = [...byLesson.keys()].sort(
    (a, b) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity),
  );
  const width = Math.max(...ids.map((id) => id.length));
  print(ui.list);
  for (const lesson of lessons) {
    const title = order.includes(lesson) ? lessonTitle(lesson, lang) : ui.others;
    print(`\n${title} (${lesson})`);
    for (const [id, exercise] of byLesson.get(lesson)!)
      print(`  ${progress[id] ? '✓' : '·'} ${id.padEnd(width)}  ${exercise.title[lang]}`);
  }
  print('');
  print(progressLine(lang, ids, progress));
}

const progressLine = (lang: Lang, ids: string[], progress: Progress) => {
  const done = ids.filter((id) => progress[id]).length;
  return `${bar(done, ids.length)} ${UI[lang].solved(done, ids.length)}`;
};

/** Check `file` once against exercise `id`: 0 solved (and recorded), 1 not yet. */
async function checkOnce(
  id: string,
  file: string,
  lang: Lang,
  print: (s: string) => void,
  seed?: number, // a client exercise's run, repeated
) {
  const ui = UI[lang];
  const exercise = await loadExercise(id);
  print(`${ui.checking(id, shown(file))}\n`);
  const results = await runChecks(exercise, file, root, { seed });
  for (const r of results) {
    const mark = r.passed ? '✓' : r.detail ? '✗' : '·';
    print(`  ${mark} ${r.name[lang]}${!r.passed && !r.detail ? ` (${ui.notRun})` : ''}`);
    if (r.detail) print(r.detail[lang].replace(/^/gm, '      '));
  }
  const ok = results.filter((r) => r.passed).length;
  print(`\n${ui.summary(ok, results.length)}`);
  if (ok < results.length) {
    const first = results.find((r) => !r.passed && r.hint);
    if (first?.hint) print(`${ui.hint}: ${first.hint[lang]}`);
    return 1;
  }
  print(ui.done);
  const progress = recordPass(id, file);
  print(`${ui.saved(shown(progressFile()))} ${progressLine(lang, exerciseIds(), progress)}`);
  print(ui.compare(`examples/exercises/${id}/solution.ts`));
  return 0;
}

/** Resolves on Ctrl+C (SIGINT) or SIGTERM, which then no longer end the command by themselves. */
const interrupted = () =>
  new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => resolve());
  });

/**
 * Check `file`, then again each time it is saved (DEBOUNCE_MS after the last change, never two
 * runs at once: a save during a run waits for its end), until Ctrl+C or SIGTERM; then exit 0.
 */
async function watchFile(
  id: string,
  file: string,
  lang: Lang,
  print: (s: string) => void,
  seed?: number,
) {
  const ui = UI[lang];
  let stopped = false;
  const say = (line: string) => stopped || print(line); // nothing more once Ctrl+C is pressed
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (first: boolean) => {
    if (running) return void (again = true);
    running = (async () => {
      do {
        again = false;
        if (!first) {
          console.clear(); // in a terminal; elsewhere, nothing
          say(`${ui.changed(shown(file))}\n`);
        }
        first = false;
        await checkOnce(id, file, lang, say, seed);
        say(`\n${ui.watching(shown(file))}`);
      } while (again && !stopped);
    })();
    await running;
    running = undefined;
  };
  let timer: NodeJS.Timeout | undefined;
  // The folder, not the file: an editor that saves by renaming a new file over it would end a
  // watch on the file itself.
  const watcher = watch(dirname(file), (_event, name) => {
    if (name !== basename(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(false), DEBOUNCE_MS);
  });
  const stop = interrupted();
  void run(true);
  await stop;
  stopped = true;
  watcher.close();
  clearTimeout(timer);
  await stopAll(); // the program a run was checking
  print(`\n${ui.stopped}`);
  return 0;
}

/** The command; returns its exit code (0 solved, 1 not yet, 2 a usage error). */
export async function main(args: string[], print = console.log): Promise<number> {
  let values: { lang?: string; file?: string; watch?: boolean; seed?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        file: { type: 'string' },
        watch: { type: 'boolean' },
        seed: { type: 'string' },
      },
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
  const [id] = positionals;
  if (!id && !values.watch) {
    await listing(lang, ids, readProgress(), print);
    return 0;
  }
  if (!id) {
    print(ui.usage);
    return 2;
  }
  if (!ids.includes(id)) {
    print(`${ui.unknown(id)}\n`);
    await listing(lang, ids, readProgress(), print);
    return 2;
  }
  const file = values.file ?? join(exercisesDir, id, (await loadExercise(id)).file);
  if (!existsSync(file)) {
    print(ui.missing(shown(file)));
    return 2;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (values.watch) return watchFile(id, file, lang, print, seed);
  // Ctrl+C in the middle: the program being checked, in a process group of its own, goes too.
  const stop = interrupted().then(() => stopAll().then(() => 130));
  return Promise.race([checkOnce(id, file, lang, print, seed), stop]);
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
