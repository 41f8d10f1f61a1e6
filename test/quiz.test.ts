// The lessons' self-check questions (src/content/quizzes/): both languages whole, well formed,
// placed on both pages, and every answer that is a fact of a run tied to that run, so that a
// changed transcript, capture or example fails its question. Fast: no build, no process.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { course } from '../astro.config.mjs';
import { glossary, numbers } from '../src/lib/glossary.ts';
import { inlineParts, parseWholeNumber, type Question } from '../src/lib/quiz.ts';
import { checkQuizzes, lessonsWithQuiz, loadQuizzes, readTie } from '../src/lib/quiz-checks.ts';
import { root } from './processes.ts';

const lessons = lessonsWithQuiz(course);
const quizzes = await loadQuizzes(root);
const all = [...quizzes.values()].flat();

describe('the self-check questions', () => {
  it('cover every lesson but the setup page and the appendix', () => {
    expect(lessons).not.toContain('basics/before-you-start');
    expect(lessons.filter((l) => l.startsWith('appendix/'))).toEqual([]);
    expect([...quizzes.keys()].sort()).toEqual([...lessons].sort());
  });

  it('are whole in both languages, well formed, tied to their runs and placed on both pages', async () => {
    expect(await checkQuizzes(root, lessons, quizzes)).toEqual([]);
  });

  it('tie to a run every answer that is one', () => {
    const tied = all.filter((q) => q.tiedTo).length;
    console.log(`${all.length} questions in ${quizzes.size} lessons, ${tied} tied to a run`);
    // Most answers in this course are facts of a run; a quiz that drifts away from them fails here.
    expect(tied / all.length).toBeGreaterThan(0.6);
  });

  // The words the glossary rejects and the way the course writes numbers, as in test/glossary.test.ts,
  // over the questions' prose (code between backticks is left out: it spells things as programs do).
  it.each(['pt', 'en'] as const)(
    "speak the glossary's words and write numbers one way (%s)",
    (lang) => {
      const rules = [
        ...glossary.map((e) => ({ name: e.term[lang], avoid: e.avoid?.[lang] ?? [] })),
        { name: lang === 'pt' ? 'números' : 'numbers', avoid: numbers.avoid[lang] },
      ];
      const problems: string[] = [];
      for (const [lesson, questions] of quizzes)
        for (const [i, q] of questions.entries()) {
          const texts = [q.question, q.explanation, ...(q.kind === 'choice' ? q.options : [])];
          for (const text of texts) {
            const prose = inlineParts(text[lang])
              .filter((p) => !p.code)
              .map((p) => p.text)
              .join('');
            for (const rule of rules) {
              const m = rule.avoid.map((p) => p.exec(prose)).find((x) => x !== null);
              if (m)
                problems.push(
                  `${lesson}, question ${i + 1}: "${m[0]}" — the course says "${rule.name}"`,
                );
            }
          }
        }
      expect(problems).toEqual([]);
    },
  );
});

describe('a typed answer', () => {
  it.each([
    ['65507', 65507],
    ['65.507', 65507],
    ['65,507', 65507],
    [' 65 507 ', 65507],
    ['0', 0],
    ['1,5', undefined],
    ['onze', undefined],
    ['', undefined],
  ])('"%s" reads as %s', (typed, expected) => {
    expect(parseWholeNumber(typed)).toBe(expected);
  });
});

describe('a tie fails when its run changes', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A copy of the lessons, the quizzes and the goldens, to change on purpose. */
  function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'quiz-'));
    copies.push(dir);
    for (const part of ['src/content', 'src/lib', 'examples'])
      cpSync(join(root, part), join(dir, part), { recursive: true });
    return dir;
  }
  const edit = (dir: string, file: string, change: (text: string) => string) => {
    const before = readFileSync(join(dir, file), 'utf8');
    const after = change(before);
    expect(after, `the change to ${file} changed nothing`).not.toBe(before);
    writeFileSync(join(dir, file), after);
  };
  const check = (dir: string) => checkQuizzes(dir, lessons, quizzes);

  it('reads the values the lessons promise from the real runs', async () => {
    const web = quizzes.get('tcp/web-server')!;
    expect(await readTie(root, web[0].tiedTo!)).toBe('13');
    const streams = quizzes.get('tcp/streams')!;
    expect(await readTie(root, streams[1].tiedTo!)).toBe('3');
  });

  it('a number: the body of "Olá, mundo!\\n" grows a byte', async () => {
    const dir = copy();
    edit(dir, 'examples/sessions/http-curl.txt', (t) =>
      t.replace('Content-Length: 13', 'Content-Length: 14'),
    );
    expect(await check(dir)).toEqual([
      'src/content/quizzes/tcp/web-server.ts, question 1: the answer is 13, but the run says 14',
    ]);
  });

  it('a choice: the accepted sockets move to another port', async () => {
    const dir = copy();
    edit(dir, 'examples/sessions/many-connections.txt', (t) =>
      t.replace('have local port 12000', 'have local port 50004'),
    );
    expect(await check(dir)).toEqual([
      'src/content/quizzes/tcp/many-connections.ts, question 1: the run says "50004", which the right option (pt) does not say',
      'src/content/quizzes/tcp/many-connections.ts, question 1: the run says "50004", which the right option (en) does not say',
    ]);
  });

  it('a capture: two of the three writes share a packet', async () => {
    const dir = copy();
    edit(dir, 'examples/sessions/streams-three-writes.txt', (t) =>
      t.replace(/\n[^\n]*seq 5:9[^\n]*/, '').replace('seq 9:15', 'seq 5:15'),
    );
    expect(await check(dir)).toEqual([
      'src/content/quizzes/tcp/streams.ts, question 2: the answer is 3, but the run says 2',
    ]);
  });

  it("a packet's number: one packet fewer before the client's FIN", async () => {
    const dir = copy();
    edit(dir, 'examples/sessions/capture-handshake.txt', (t) =>
      t.replace(/\n[^\n]*seq 9:13[^\n]*/, ''),
    );
    expect(await check(dir)).toEqual([
      'src/content/quizzes/tcp/packets.ts, question 1: the answer is 11, but the run says 10',
    ]);
  });

  it('an example: the server keeps twice as many header bytes', async () => {
    const dir = copy();
    edit(dir, 'examples/http-server.ts', (t) =>
      t.replace('MAX_HEAD_BYTES = 8 * 1024', 'MAX_HEAD_BYTES = 16 * 1024'),
    );
    expect(await check(dir)).toEqual([
      'src/content/quizzes/tcp/web-server.ts, question 4: the example says "16", which the right option (pt) does not say',
      'src/content/quizzes/tcp/web-server.ts, question 4: the example says "16", which the right option (en) does not say',
    ]);
  });

  it('a line the pattern needs is gone', async () => {
    const dir = copy();
    edit(dir, 'examples/sessions/tcp-refused.txt', (t) =>
      t.replace(
        /connect ECONNREFUSED[^\n]*/,
        'connected from 127.0.0.1:⟨50001⟩ to 127.0.0.1:12000',
      ),
    );
    expect((await check(dir)).join('\n')).toContain(
      'src/content/quizzes/tcp/client-server.ts, question 2: its tie cannot be read: /connect (E[A-Z]+) \\S+/ no longer matches examples/sessions/tcp-refused.txt',
    );
  });
});

describe('the checks catch a broken quiz', () => {
  const text = (s: string) => ({ pt: `${s} (pt)`, en: `${s} (en)` });
  const good: Question = {
    kind: 'choice',
    corrects: 'a myth',
    question: text('Q'),
    options: [text('a'), text('b'), text('c')],
    answer: 0,
    explanation: text('why'),
  };
  const problemsOf = async (questions: Question[]) =>
    (await checkQuizzes(root, ['udp/echo'], new Map([['udp/echo', questions]]))).join('\n');

  it('too few questions, none against a myth', async () => {
    const problems = await problemsOf([{ ...good, corrects: undefined }]);
    expect(problems).toContain('1 questions; a lesson has 3 to 5');
    expect(problems).toContain('no question corrects a myth');
  });

  it('an answer that is not an option, a missing translation, an untranslated question', async () => {
    const problems = await problemsOf([
      { ...good, answer: 3 },
      { ...good, options: [text('a'), { pt: 'b', en: '' }, text('c')] },
      { ...good, question: { pt: 'same', en: 'same' } },
    ]);
    expect(problems).toContain('question 1: answer 3 is not one of the 3 options');
    expect(problems).toContain('question 2: the option 2 has no en text');
    expect(problems).toContain('question 3: the question is not translated');
  });

  it('a tie whose pattern reads no value, or whose right option does not say it', async () => {
    const problems = await problemsOf([
      good,
      { ...good, tiedTo: { session: 'udp-echo', match: /sent \d+ bytes/ } },
      { ...good, tiedTo: { session: 'udp-echo', match: /sent (\d+) bytes/ } },
      {
        kind: 'number',
        question: text('n'),
        explanation: text('e'),
        answer: 10,
        tiedTo: { session: 'udp-echo', match: /sent (\d+) bytes/ },
      },
    ]);
    expect(problems).toContain(
      'question 2: its tie cannot be read: /sent \\d+ bytes/ has 0 groups; a tie reads one',
    );
    expect(problems).toContain(
      'question 3: the run says "11", which the right option (pt) does not say',
    );
    expect(problems).toContain('question 4: the answer is 10, but the run says 11');
  });

  it('a page without its quiz, or with it in another place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiz-'));
    try {
      for (const part of ['src/content', 'src/lib', 'examples'])
        cpSync(join(root, part), join(dir, part), { recursive: true });
      const pt = join(dir, 'src/content/docs/udp/echo.mdx');
      writeFileSync(pt, readFileSync(pt, 'utf8').replace('<Quiz lesson="udp/echo" />\n', ''));
      const en = join(dir, 'src/content/docs/en/udp/echo.mdx');
      writeFileSync(
        en,
        readFileSync(en, 'utf8')
          .replace('<Quiz lesson="udp/echo" />\n', '')
          .replace('## Exit codes', '<Quiz lesson="udp/echo" />\n\n## Exit codes'),
      );
      const problems = (await checkQuizzes(dir, lessons, quizzes)).join('\n');
      expect(problems).toContain(
        'src/content/docs/udp/echo.mdx must show <Quiz lesson="udp/echo" /> once, at the top level',
      );
      expect(problems).toContain(
        "src/content/docs/en/udp/echo.mdx: <Quiz> goes just before the heading of the lesson's exercise",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
