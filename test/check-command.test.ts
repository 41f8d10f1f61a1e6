// What `npm run check` remembers and shows of a learner's progress: a pass recorded in the
// progress file (and a failure not), the list of exercises lesson by lesson with ✓ and a count
// in both languages, --watch checking again on each save (once per burst of writes, never two
// runs at once) until Ctrl+C, and Ctrl+C stopping the program being checked.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { exerciseIds, loadExercise } from '../src/lib/exercise-registry.ts';
import { lessonOrder, lessonTitle } from '../src/lib/progress.ts';
import { PATIENCE_MS, finish, root, run, until } from './processes.ts';

const tmp = mkdtempSync(join(tmpdir(), 'check-command-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const exercises = join(root, 'examples/exercises');
const ids = exerciseIds();

/** The command, as `npm run check -- ARGS` runs it, with only the LANG in `env` and its own progress file. */
const command = (args: string[], progress: string, env: Record<string, string> = {}) =>
  run('env', [
    ...['LC_ALL', 'LC_MESSAGES', 'LANG'].flatMap((name) => ['-u', name]),
    `COURSE_PROGRESS=${progress}`,
    ...Object.entries(env).map(([name, value]) => `${name}=${value}`),
    process.execPath,
    'src/lib/check-command.ts',
    ...args,
  ]);
const check = (args: string[], progress: string, env: Record<string, string> = {}) =>
  finish(command(args, progress, env), 60_000);

/** The command lines of the processes that run that file. */
const processesOf = (file: string) =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(file));

/** Nothing is still running from that file. */
function noProcessRuns(file: string) {
  expect(processesOf(file)).toEqual([]);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.concurrent('progress', () => {
  it('a pass is recorded in the progress file (id, when, file, its hash); a failure is not', async ({
    expect,
  }) => {
    const progress = join(tmp, 'record.json');
    const file = join(tmp, 'record-server.ts');
    copyFileSync(join(exercises, 'udp-upper/server.ts'), file);
    const failed = await check(['udp-upper', '--file', file], progress);
    expect(failed.code).toBe(1);
    expect(existsSync(progress)).toBe(false);

    copyFileSync(join(exercises, 'udp-upper/solution.ts'), file);
    const before = Date.now();
    const passed = await check(['udp-upper', '--file', file], progress);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(
      new RegExp(`\\nProgress saved in \\S+: \\[█░+\\] 1 of ${ids.length} exercises solved\\n`),
    );
    expect(passed.stdout).toContain(
      "Now compare your solution with the course's: examples/exercises/udp-upper/solution.ts",
    );
    const { exercises: saved } = JSON.parse(readFileSync(progress, 'utf8'));
    expect(Object.keys(saved)).toEqual(['udp-upper']);
    expect(Date.parse(saved['udp-upper'].passedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(saved['udp-upper'].passedAt)).toBeLessThanOrEqual(Date.now());
    expect(saved['udp-upper'].sha256).toBe(sha256(file));
    expect(saved['udp-upper'].file).toMatch(/record-server\.ts$/);
  });

  it.for([
    ['pt', { LANG: 'pt_BR.UTF-8' }, [], '2 de %d exercícios resolvidos', 'Exercícios, na ordem'],
    ['en', { LANG: 'C.UTF-8' }, [], '2 of %d exercises solved', 'Exercises, in lesson order'],
    ['pt', {}, ['--lang', 'pt'], '2 de %d exercícios resolvidos', 'Exercícios, na ordem'],
  ] as const)(
    'lists every exercise by lesson in course order, ✓ for those solved, and the count (%s, %o %o)',
    async ([lang, env, flags, count, heading], { expect }) => {
      const progress = join(tmp, `list-${lang}-${flags.length}.json`);
      const solved = { passedAt: new Date().toISOString(), file: 'x.ts', sha256: '0' };
      writeFileSync(progress, JSON.stringify({ exercises: { 'udp-upper': solved, chat: solved } }));
      const r = await check([...flags], progress, env);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(heading)).toBe(true);
      // The lessons' titles, in the course's order, each followed by its exercises.
      const lessons = new Map<string, string[]>();
      for (const id of ids) {
        const { lesson } = await loadExercise(id);
        lessons.set(lesson, [...(lessons.get(lesson) ?? []), id]);
      }
      const order = lessonOrder().filter((slug) => lessons.has(slug));
      expect(order.length).toBe(lessons.size); // every exercise's lesson is in the course
      const headings = [...r.stdout.matchAll(/^(\S.*) \(([a-z0-9-]+\/[a-z0-9-]+)\)$/gm)];
      expect(headings.map((m) => m[2])).toEqual(order);
      expect(headings.map((m) => m[1])).toEqual(order.map((slug) => lessonTitle(slug, lang)));
      for (const [slug, inLesson] of lessons) {
        const block = r.stdout.split(`(${slug})\n`)[1].split('\n\n')[0];
        expect(block.split('\n').map((l) => l.trim().split(/\s+/)[1])).toEqual(inLesson);
      }
      expect(r.stdout).toMatch(/^ {2}✓ udp-upper +\S/m);
      expect(r.stdout).toMatch(/^ {2}✓ chat +\S/m);
      expect(r.stdout).toMatch(/^ {2}· udp-bytes +\S/m);
      expect(r.stdout.match(/^ {2}✓ /gm)).toHaveLength(2);
      expect(r.stdout.endsWith(`] ${count.replace('%d', String(ids.length))}\n`)).toBe(true);
    },
  );

  it("reads the course order as astro.config.mjs's `course` lists it", () => {
    // The same file read by TypeScript's parser: each section's `items`, in order. (Importing
    // it would bring Astro and Starlight, seconds of work for a list of strings.)
    const file = join(root, 'astro.config.mjs');
    const tree = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const items: string[] = [];
    const visit = (node: ts.Node, inCourse: boolean) => {
      const course = ts.isVariableDeclaration(node) && node.name.getText(tree) === 'course';
      if (inCourse && ts.isPropertyAssignment(node) && node.name.getText(tree) === 'items')
        for (const item of (node.initializer as ts.ArrayLiteralExpression).elements)
          items.push((item as ts.StringLiteral).text);
      ts.forEachChild(node, (child) => visit(child, inCourse || course));
    };
    visit(tree, false);
    expect(items).toContain('around/chat');
    expect(lessonOrder()).toEqual(items);
  });

  it('a progress file that is not JSON counts as no progress', async ({ expect }) => {
    const progress = join(tmp, 'broken.json');
    writeFileSync(progress, '{ not json');
    const r = await check([], progress);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`0 of ${ids.length} exercises solved`);
  });
});

describe.concurrent('--watch', () => {
  it('checks again once per burst of saves, never two runs at once, and ends on Ctrl+C', async ({
    expect,
  }) => {
    const progress = join(tmp, 'watch.json');
    const file = join(tmp, 'watch-server.ts');
    const starter = readFileSync(join(exercises, 'udp-upper/server.ts'), 'utf8');
    const solution = readFileSync(join(exercises, 'udp-upper/solution.ts'), 'utf8');
    writeFileSync(file, starter);
    const watching = command(['udp-upper', '--file', file, '--watch'], progress);
    const runs = () => watching.stdout().split('Checking udp-upper in ').length - 1;
    const waits = () => watching.stdout().split('Watching ').length - 1;
    const limit = () => ({ signal: AbortSignal.timeout(60_000) });

    await watching.waitFor(/\nWatching \/\S+\/watch-server\.ts: .* Ctrl\+C to stop\.\n/, limit());
    expect(watching.stdout()).toContain('1 of 5 checks passed.');
    expect(runs()).toBe(1);

    // An editor's save: several writes in a row. One run follows, once they are over.
    for (let i = 0; i < 5; i++) writeFileSync(file, solution);
    await watching.waitFor('watch-server.ts changed: checking again.', limit());
    await watching.waitFor(/All good[\s\S]*Watching /, { ...limit(), from: 0 });
    await new Promise((r) => setTimeout(r, 1000)); // time enough for a second run to start
    expect(runs()).toBe(2);
    expect(JSON.parse(readFileSync(progress, 'utf8')).exercises['udp-upper'].sha256).toBe(
      sha256(file),
    );

    // A save during a run (this version takes 1.5 s to start): the next run waits for its end.
    writeFileSync(file, `const t = Date.now() + 1500;\nwhile (Date.now() < t);\n${solution}`);
    await watching.waitFor(/(Checking udp-upper in [\s\S]*){3}/, limit());
    expect(watching.stdout()).not.toMatch(/(checks passed\.[\s\S]*){3}/); // still running
    writeFileSync(file, solution);
    await watching.waitFor(/(Watching [\s\S]*){4}/, limit());
    expect(runs()).toBe(4);
    expect(waits()).toBe(4);
    const order = [...watching.stdout().matchAll(/Checking udp-upper in|checks passed\./g)];
    expect(order.map((m) => m[0])).toEqual(
      Array(4).fill(['Checking udp-upper in', 'checks passed.']).flat(),
    );

    watching.kill('SIGINT');
    expect(await watching.exited).toBe(0);
    expect(watching.stdout()).toMatch(/\nStopped watching\.\n$/);
    noProcessRuns(file);
  });

  it('Ctrl+C during a check stops the program being checked too', async ({ expect }) => {
    const file = join(tmp, 'never-listens.ts');
    writeFileSync(file, 'setInterval(() => {}, 1000);\n');
    const checking = command(['udp-upper', '--file', file], join(tmp, 'ctrl-c.json'));
    await checking.waitFor('Checking udp-upper in', { signal: AbortSignal.timeout(20_000) });
    await until(() => processesOf(file).length > 0, PATIENCE_MS, 'the program to start');
    checking.kill('SIGINT');
    expect(await checking.exited).toBe(130);
    noProcessRuns(file);
  });
});
