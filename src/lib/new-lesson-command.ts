// `npm run new:lesson -- PART/SLUG --title-pt "…" --title-en "…" [--kind server|client]
// [--name NAME]`: a new lesson, every piece of it in place and passing the tests as written, with
// "EDIT:" wherever the lesson's own content goes. From the templates in src/lib/lesson-template/
// it writes the example (a small UDP server, or with --kind client a UDP client, in the shape
// every example has), its session, its test, the exercise (starter, solution, check), the quiz
// and both pages; it adds the lesson to the course order (astro.config.mjs) and the example's
// profile to test/robustness/profiles.ts. NAME (the example, session, test and exercise) is
// PART-SLUG unless given. It overwrites nothing: if any of those files or entries exists, it
// writes nothing and says which.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { repositoryRoot } from './processes.ts';
import { lessonsWithQuiz } from './quiz-checks.ts';

const templates = new URL('./lesson-template/', import.meta.url);
const COURSE = 'astro.config.mjs';
/** What the example is: a server (with udp-client.ts in its session) or a client (with udp-server.ts). */
export type Kind = 'server' | 'client';
const KINDS: Kind[] = ['server', 'client'];
/** Its robustness profile (a client waits --timeout for a reply: with nobody there, exit 1 in time). */
const PROFILE: Record<Kind, string> = {
  server: "{ kind: 'server', probe: 'udp', hostile: true }",
  client: "{ kind: 'client', probe: 'udp', args: ['--timeout', '300', 'ping'] }",
};
const PROFILES = 'test/robustness/profiles.ts';

/** The files a new lesson gets, each from its template (for `PART/SLUG` and `NAME`). */
export function lessonFiles(
  lesson: string,
  name: string,
  kind: Kind = 'server',
): { path: string; template: string }[] {
  return [
    { path: `examples/${name}.ts`, template: `example.${kind}.ts` },
    { path: `examples/sessions/${name}.session.ts`, template: `session.${kind}.ts` },
    { path: `test/${name}.test.ts`, template: `test.${kind}.ts` },
    { path: `examples/exercises/${name}/server.ts`, template: 'exercise.ts' },
    { path: `examples/exercises/${name}/solution.ts`, template: 'exercise.ts' },
    { path: `examples/exercises/${name}/check.ts`, template: 'check.ts' },
    { path: `src/content/quizzes/${lesson}.ts`, template: 'quiz.ts' },
    { path: `src/content/docs/${lesson}.mdx`, template: 'page.pt.mdx' },
    { path: `src/content/docs/en/${lesson}.mdx`, template: 'page.en.mdx' },
  ];
}

/** The exercise's region: the starter's TODO (in both languages), and the solution. */
const REPLY = {
  starter: [
    '  // TODO: responda com o texto recebido e o tamanho em bytes: "hello" vira "hello (5 bytes)".',
    '  // TODO: answer with the text received and its size in bytes: "hello" becomes "hello (5 bytes)".',
    '  const reply = message;',
  ].join('\n'),
  solution: [
    '  // The text, then its size in bytes (message.length): "olá" has 3 letters but 4 bytes.',
    "  const reply = `${message.toString('utf8')} (${message.length} bytes)`;",
  ].join('\n'),
};

export interface NewLesson {
  /** The checkout to write into. */
  root: string;
  /** PART/SLUG: the part's folder (udp, tcp…) and the lesson's file name. */
  lesson: string;
  titlePt: string;
  titleEn: string;
  /** The example's, session's, test's and exercise's name; PART-SLUG by default. */
  name?: string;
  /** A server (the default) or a client. */
  kind?: Kind;
}

/** Write a new lesson; the files written and those edited, from the root. Throws, writing nothing, on a problem. */
export async function newLesson(
  options: NewLesson,
): Promise<{ name: string; written: string[]; edited: string[] }> {
  const { root, lesson, titlePt, titleEn } = options;
  const problems: string[] = [];
  const m = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(lesson);
  if (!m) throw new Error(`"${lesson}" is not PART/SLUG (lower-case letters, digits and -)`);
  const [, part, slug] = m;
  const name = options.name ?? `${part}-${slug}`;
  const kind = options.kind ?? 'server';
  if (!KINDS.includes(kind)) throw new Error(`--kind "${kind}": ${KINDS.join(' or ')}`);
  if (!/^[a-z0-9-]+$/.test(name))
    throw new Error(`--name "${name}": lower-case letters, digits and -`);
  if (!titlePt.trim() || !titleEn.trim())
    throw new Error('--title-pt and --title-en are both needed');

  // The course order: the part's list of lessons.
  let course = readFileSync(join(root, COURSE), 'utf8');
  const lists = [...course.matchAll(/items: \[([^\]]*)\]/g)];
  const parts = [
    ...new Set(lists.flatMap((l) => [...l[1].matchAll(/'([a-z0-9-]+)\//g)].map((p) => p[1]))),
  ];
  const list = lists.find((l) => l[1].includes(`'${part}/`));
  if (!list)
    problems.push(`"${part}" is not a part of the course (${COURSE}): ${parts.join(', ')}`);
  else if (list[1].includes(`'${lesson}'`)) problems.push(`${COURSE} already lists ${lesson}`);
  if (lessonsWithQuiz([{ items: [lesson] }]).length === 0)
    problems.push(
      `${lesson} is a page without questions or exercise (QUIZ_EXEMPT in src/lib/quiz-checks.ts)`,
    );

  let profiles = readFileSync(join(root, PROFILES), 'utf8');
  const start = profiles.indexOf('export const profiles');
  const end = profiles.indexOf('\n};', start);
  if (start < 0 || end < 0) problems.push(`${PROFILES}: no \`export const profiles = { … };\``);
  else if (profiles.includes(`'${name}.ts':`))
    problems.push(`${PROFILES} already has '${name}.ts'`);

  const files = lessonFiles(lesson, name, kind);
  for (const { path } of files) if (existsSync(join(root, path))) problems.push(`${path} exists`);
  if (problems.length) throw new Error(`nothing written:\n  ${problems.join('\n  ')}`);

  const yaml = (text: string) =>
    /^[\w\s,.()áâãàçéêíóôõúÁÂÃÀÇÉÊÍÓÔÕÚ-]+$/.test(text) ? text : JSON.stringify(text);
  const values: Record<string, string> = {
    NAME: name,
    LESSON: lesson,
    TITLE_PT: yaml(titlePt.trim()),
    TITLE_EN: yaml(titleEn.trim()),
  };
  for (const { path, template } of files) {
    let text = readFileSync(new URL(`${template}.template`, templates), 'utf8')
      .replaceAll('{{REPLY}}', path.endsWith('/solution.ts') ? REPLY.solution : REPLY.starter)
      .replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key]);
    if (path.endsWith('.ts')) text = await format(path, text);
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  // The lesson goes last in its part; move the line to change its place.
  course = course.replace(list![0], `items: [${list![1].replace(/,?\s*$/, '')}, '${lesson}']`);
  writeFileSync(join(root, COURSE), await format(COURSE, course));
  const profile = `  '${name}.ts': ${PROFILE[kind]}, // EDIT: its kind (server, client or tool) and arguments\n`;
  profiles = profiles.slice(0, end + 1) + profile + profiles.slice(end + 1);
  writeFileSync(join(root, PROFILES), await format(PROFILES, profiles));
  return { name, written: files.map((f) => f.path), edited: [COURSE, PROFILES] };
}

/** The layout Prettier gives (npm run format, with the course's .prettierrc.json), so that `npm run format:check` passes as written. */
async function format(path: string, text: string): Promise<string> {
  const config = await prettier.resolveConfig(join(repositoryRoot, path));
  return prettier.format(text, { ...config, filepath: join(repositoryRoot, path) });
}

const usage =
  'usage: npm run new:lesson -- PART/SLUG --title-pt "TÍTULO" --title-en "TITLE" [--kind server|client] [--name NAME]';

export async function main(
  args: string[],
  print = console.log,
  root = repositoryRoot,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'title-pt': { type: 'string' },
        'title-en': { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (err) {
    print(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(usage);
    return 0;
  }
  if (positionals.length !== 1 || !values['title-pt'] || !values['title-en']) {
    print(usage);
    return 2;
  }
  const lesson = positionals[0];
  let result;
  try {
    result = await newLesson({
      root,
      lesson,
      name: values.name,
      kind: values.kind as Kind | undefined,
      titlePt: values['title-pt'],
      titleEn: values['title-en'],
    });
  } catch (err) {
    print((err as Error).message);
    return 1;
  }
  const { name } = result;
  print(`wrote:\n${result.written.map((f) => `  ${f}`).join('\n')}`);
  print(`added ${lesson} to:\n${result.edited.map((f) => `  ${f}`).join('\n')}`);
  print(`
next:
  npx vitest run test/sessions.test.ts -t ${name}    # the first run writes examples/sessions/${name}.txt and its stamp
  npx vitest run test/${name}.test.ts test/examples.test.ts test/content.test.ts test/quiz.test.ts test/glossary.test.ts
  npx vitest run test/robustness test/exercises.test.ts -t ${name}
  grep -rn "EDIT:" ${[...result.written, ...result.edited].join(' ')}
then replace each EDIT: with the lesson's own content, run the same tests, and commit everything, with
examples/sessions/${name}.txt and examples/sessions/verified.json (README.md: "Add a lesson").`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
