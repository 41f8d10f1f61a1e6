// What `npm test` checks in the self-check questions (src/content/quizzes/<lesson>.ts):
//
// 1. Every lesson of the course has 3 to 5 questions, except the pages QUIZ_EXEMPT names, and
//    every quiz belongs to a lesson.
// 2. Each question is whole in both languages and well formed: a choice has 3 to 5 distinct
//    options and its answer is one of them; a number question's answer is a whole number.
// 3. Each lesson has at least one question that corrects a myth (`corrects`).
// 4. Each tie (`tiedTo`) still holds: the value read now from the golden transcript, the capture
//    or the example it names appears in the right option, in both languages, or equals the
//    number question's answer. A run that changes makes its question fail.
// 5. Both pages of a lesson show <Quiz lesson="…"/> once, at the top level of the page, just
//    before the heading of its exercise, after the same number of sections in both languages.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mdxToMdast, type MdastNode } from 'satteri';
import { visit } from 'unist-util-visit';
import { captureOf } from './capture.ts';
import { extractRegion } from './regions.ts';
import { parseTranscript, type Session } from './session.ts';
import { parseWholeNumber, type Question, type Tie } from './quiz.ts';

/** Course pages without questions, and why. */
export const QUIZ_EXEMPT: Record<string, string> = {
  'basics/before-you-start': 'it sets up tools; its own exercise is the check',
  'appendix/*': 'reference pages, read when needed, with nothing new to check',
};

const exempt = (lesson: string) =>
  Object.keys(QUIZ_EXEMPT).some((p) =>
    p.endsWith('/*') ? lesson.startsWith(p.slice(0, -1)) : p === lesson,
  );

/** The lessons that must have questions, from the course order. */
export const lessonsWithQuiz = (course: { items: string[] }[]) =>
  course.flatMap((group) => group.items).filter((lesson) => !exempt(lesson));

/** Every quiz file, by lesson ("udp/echo"), imported. */
export async function loadQuizzes(root: string): Promise<Map<string, Question[]>> {
  const dir = join(root, 'src/content/quizzes');
  const quizzes = new Map<string, Question[]>();
  if (!existsSync(dir)) return quizzes;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const lesson = relative(dir, file).split(sep).join('/').replace(/\.ts$/, '');
    quizzes.set(lesson, (await import(pathToFileURL(file).href)).default);
  }
  return quizzes;
}

/** Every problem with the quizzes; an empty list means all is well. */
export async function checkQuizzes(
  root: string,
  lessons: string[],
  quizzes: Map<string, Question[]>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const lesson of lessons)
    if (!quizzes.has(lesson))
      problems.push(
        `src/content/quizzes/${lesson}.ts is missing: every lesson has 3 to 5 self-check questions`,
      );
  for (const [lesson, questions] of quizzes) {
    const file = `src/content/quizzes/${lesson}.ts`;
    if (!lessons.includes(lesson)) {
      problems.push(`${file}: "${lesson}" is not a lesson of the course that takes questions`);
      continue;
    }
    if (questions.length < 3 || questions.length > 5)
      problems.push(`${file}: ${questions.length} questions; a lesson has 3 to 5`);
    if (!questions.some((q) => q.corrects))
      problems.push(`${file}: no question corrects a myth (\`corrects\`); one at least`);
    for (const [i, q] of questions.entries()) {
      const at = `${file}, question ${i + 1}`;
      problems.push(...shapeOf(q).map((p) => `${at}: ${p}`));
      if (q.tiedTo) problems.push(...(await checkTie(root, q)).map((p) => `${at}: ${p}`));
    }
    problems.push(...placementOf(root, lesson));
  }
  return problems;
}

function shapeOf(q: Question): string[] {
  const problems: string[] = [];
  const texts: [string, { pt: string; en: string }][] = [
    ['question', q.question],
    ['explanation', q.explanation],
  ];
  if (q.kind === 'choice') {
    q.options.forEach((o, j) => texts.push([`option ${j + 1}`, o]));
    if (q.options.length < 3 || q.options.length > 5)
      problems.push(`${q.options.length} options; a choice has 3 to 5`);
    if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= q.options.length)
      problems.push(`answer ${q.answer} is not one of the ${q.options.length} options`);
    for (const lang of ['pt', 'en'] as const) {
      const all = q.options.map((o) => o[lang]);
      if (new Set(all).size !== all.length) problems.push(`two options say the same (${lang})`);
    }
  } else if (q.kind === 'number') {
    if (!Number.isInteger(q.answer)) problems.push(`answer ${q.answer} is not a whole number`);
    if (q.unit) texts.push(['unit', q.unit]);
  } else {
    problems.push(`kind "${(q as { kind: string }).kind}" is neither "choice" nor "number"`);
  }
  for (const [what, text] of texts) {
    for (const lang of ['pt', 'en'] as const) {
      if (!text?.[lang]?.trim()) problems.push(`the ${what} has no ${lang} text`);
      else if ((text[lang].match(/`/g) ?? []).length % 2)
        problems.push(`the ${what} (${lang}) has an unclosed \``);
    }
  }
  for (const [what, text] of texts.slice(0, 2))
    if (text?.pt && text.pt === text.en) problems.push(`the ${what} is not translated`);
  return problems;
}

/** The value a tie reads now, or why it cannot be read. */
export async function readTie(root: string, tie: Tie): Promise<string> {
  if ('example' in tie) {
    const file = `examples/${tie.example}`;
    const source = readFileSync(join(root, file), 'utf8');
    return matchOne(extractRegion(source, file, tie.region), tie.match, `${file}#${tie.region}`);
  }
  const name = 'capture' in tie ? tie.capture : tie.session;
  const file = `examples/sessions/${name}.txt`;
  const session: Session = (
    await import(pathToFileURL(join(root, `examples/sessions/${name}.session.ts`)).href)
  ).default;
  const golden = readFileSync(join(root, file), 'utf8');
  if ('capture' in tie) {
    const { packets } = captureOf(session, golden, file);
    if ('packets' in tie) return String(packets.filter(tie.packets).length);
    const number = packets.findIndex(tie.packet) + 1;
    if (number === 0) throw new Error(`no packet of ${file}'s capture passes the test`);
    return String(number);
  }
  let text = golden;
  if (tie.terminal) {
    const lines = parseTranscript(golden, session, file).get(tie.terminal);
    if (!lines) throw new Error(`${file} has no terminal "${tie.terminal}"`);
    text = lines.map((l) => (l.kind === 'command' ? `$ ${l.text}` : l.text)).join('\n');
  }
  if ('count' in tie) {
    if (!tie.count.global) throw new Error(`/${tie.count.source}/ counts only with the g flag`);
    const n = text.match(tie.count)?.length ?? 0;
    if (n === 0) throw new Error(`/${tie.count.source}/ matches nowhere in ${file}`);
    return String(n);
  }
  return matchOne(text, tie.match, file);
}

function matchOne(text: string, pattern: RegExp, where: string): string {
  const groups = new RegExp(`${pattern.source}|`).exec('')!.length - 1;
  if (groups !== 1) throw new Error(`/${pattern.source}/ has ${groups} groups; a tie reads one`);
  const m = pattern.exec(text);
  if (!m) throw new Error(`/${pattern.source}/ no longer matches ${where}`);
  return m[1];
}

/** The whole numbers a text writes, in either language's style (65.507, 65,507, 12000). */
const numbersIn = (text: string) =>
  (text.match(/\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+/g) ?? []).map((n) => parseWholeNumber(n));

async function checkTie(root: string, q: Question): Promise<string[]> {
  let value: string;
  try {
    value = await readTie(root, q.tiedTo!);
  } catch (err) {
    return [`its tie cannot be read: ${(err as Error).message}`];
  }
  const where = q.tiedTo && 'example' in q.tiedTo ? 'the example' : 'the run';
  if (q.kind === 'number')
    return parseWholeNumber(value) === q.answer
      ? []
      : [`the answer is ${q.answer}, but ${where} says ${value}`];
  const number = /^\d+$/.test(value) ? Number(value) : undefined;
  const problems: string[] = [];
  for (const lang of ['pt', 'en'] as const) {
    const right = q.options[q.answer][lang];
    const holds = number === undefined ? right.includes(value) : numbersIn(right).includes(number);
    if (!holds)
      problems.push(`${where} says "${value}", which the right option (${lang}) does not say`);
  }
  return problems;
}

/** Where the lesson's two pages place <Quiz>. */
function placementOf(root: string, lesson: string): string[] {
  const problems: string[] = [];
  const sections: number[] = [];
  for (const page of [`src/content/docs/${lesson}.mdx`, `src/content/docs/en/${lesson}.mdx`]) {
    if (!existsSync(join(root, page))) {
      problems.push(`${page} does not exist`);
      continue;
    }
    const tree = mdxToMdast(readFileSync(join(root, page), 'utf8'));
    const quizzes: MdastNode[] = [];
    visit(tree, (node) => {
      if (node.type === 'mdxJsxFlowElement' && node.name === 'Quiz') quizzes.push(node);
    });
    const top = ('children' in tree ? tree.children : []) as MdastNode[];
    const index = top.findIndex((n) => n.type === 'mdxJsxFlowElement' && n.name === 'Quiz');
    if (quizzes.length !== 1 || index < 0) {
      problems.push(`${page} must show <Quiz lesson="${lesson}" /> once, at the top level`);
      continue;
    }
    const node = top[index] as MdastNode & { attributes: { name: string; value: unknown }[] };
    const prop = node.attributes.find((a) => a.name === 'lesson')?.value;
    if (prop !== lesson) problems.push(`${page}: <Quiz lesson="${prop}"> should name "${lesson}"`);
    // The next section after the quiz is the one that holds the exercise.
    const h2 = (n: MdastNode | undefined) =>
      n?.type === 'heading' && (n as { depth?: number }).depth === 2;
    const following = top.slice(index + 2);
    const end = following.findIndex(h2);
    const section = end < 0 ? following : following.slice(0, end);
    if (!h2(top[index + 1]) || !section.some((n) => (n as { name?: string }).name === 'Exercise'))
      problems.push(`${page}: <Quiz> goes just before the heading of the lesson's exercise`);
    sections.push(top.slice(0, index).filter(h2).length);
  }
  if (sections.length === 2 && sections[0] !== sections[1])
    problems.push(
      `src/content/docs/${lesson}.mdx and its English twin place <Quiz> after ${sections[0]} and ${sections[1]} sections`,
    );
  return problems;
}
