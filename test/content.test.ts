// The lessons' integrity: twins, no typed-in code, references that resolve.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content-checks.ts';
import { lessonsByFile, parsePage } from '../src/lib/lessons.ts';
import { course } from '../astro.config.mjs';
import { root } from './processes.ts';

describe('the course content', () => {
  it('has no problems: twins, references, code only from examples/', async () => {
    expect(await checkContent(root)).toEqual([]);
  });

  it('names every part of the course on the home page, in both languages', () => {
    const home = (lang: string) =>
      readFileSync(join(root, 'src/content/docs', lang, 'index.mdx'), 'utf8');
    const missing = course.flatMap(({ label, translations }) => [
      ...(home('').includes(`**${label}**`) ? [] : [`pt: **${label}**`]),
      ...(home('en').includes(`**${translations.en}**`) ? [] : [`en: **${translations.en}**`]),
    ]);
    expect(missing).toEqual([]);
  });

  it('has a lesson in both languages, at least', () => {
    expect(readFileSync(join(root, 'src/content/docs/udp/echo.mdx'), 'utf8')).toMatch(/<Example /);
    expect(readFileSync(join(root, 'src/content/docs/en/udp/echo.mdx'), 'utf8')).toMatch(
      /<Example /,
    );
  });
});

describe('the content checks catch broken lessons', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A copy of the course's content and examples, to break on purpose. */
  function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'content-'));
    copies.push(dir);
    for (const part of ['src/content', 'src/lib', 'examples'])
      cpSync(join(root, part), join(dir, part), { recursive: true });
    return dir;
  }
  const edit = (dir: string, file: string, change: (text: string) => string) =>
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

  it('a misspelt region', async () => {
    const dir = copy();
    edit(dir, 'src/content/docs/udp/echo.mdx', (t) => t.replace(/region="echo"/, 'region="ecco"'));
    expect((await checkContent(dir)).join('\n')).toContain(
      'examples/udp-server.ts: no region "ecco"',
    );
  });

  it('a lesson without its twin', async () => {
    const dir = copy();
    rmSync(join(dir, 'src/content/docs/en/udp/echo.mdx'));
    expect(await checkContent(dir)).toContain(
      'src/content/docs/udp/echo.mdx has no English twin at src/content/docs/en/udp/echo.mdx',
    );
  });

  it('twins that show different code', async () => {
    const dir = copy();
    edit(dir, 'src/content/docs/en/udp/echo.mdx', (t) =>
      t.replace(/region="echo"/, 'region="bind"'),
    );
    expect((await checkContent(dir)).join('\n')).toMatch(
      /and its English twin differ at code reference \d+/,
    );
  });

  it('program code typed into a page, even inside a component', async () => {
    const dir = copy();
    edit(
      dir,
      'src/content/docs/udp/echo.mdx',
      (t) => `${t}\n\`\`\`ts\nsocket.bind(12000);\n\`\`\`\n`,
    );
    edit(
      dir,
      'src/content/docs/en/udp/echo.mdx',
      (t) =>
        `${t}\n<Steps>\n\n1. Run:\n\n   \`\`\`sh\n   node -e "require('dgram')"\n   \`\`\`\n\n</Steps>\n`,
    );
    const problems = (await checkContent(dir)).join('\n');
    expect(problems).toMatch(/udp\/echo.mdx:\d+: a ```ts block; show code with <Example/);
    expect(problems).toContain(`"node -e "require('dgram')"" is not a set-up command`);
  });

  it("a lesson that shows an example's command-line tail", async () => {
    const dir = copy();
    for (const page of ['src/content/docs/udp/echo.mdx', 'src/content/docs/en/udp/echo.mdx']) {
      edit(dir, page, (t) => t.replace(/region="echo"/, 'region="cli"'));
    }
    expect((await checkContent(dir)).join('\n')).toContain(
      'examples/udp-server.ts: the "cli" region is the command-line tail, which lessons do not show',
    );
  });

  it('a session that does not exist, and a transcript that was never recorded', async () => {
    const dir = copy();
    edit(dir, 'src/content/docs/udp/echo.mdx', (t) => `${t}\n<Session name="nope" />\n`);
    rmSync(join(dir, 'examples/sessions/udp-no-server.txt'));
    const problems = (await checkContent(dir)).join('\n');
    expect(problems).toContain('examples/sessions/nope.session.ts does not exist');
    expect(problems).toContain('examples/sessions/udp-no-server.txt is missing');
  });
});

describe('the page parser', () => {
  it('reads references in order with their props, even split over lines or inside text', () => {
    const { references } = parsePage(
      'a\n\n<Example file="a.ts" region="x" />\n\nb <Session name="s"/>\n\n<Diagram\n  name="d"\n  alt={"x"}\n/>\n',
    );
    expect(references.map((r) => [r.kind, r.props, r.line])).toEqual([
      ['Example', { file: 'a.ts', region: 'x' }, 3],
      ['Session', { name: 's' }, 5],
      ['Diagram', { name: 'd', alt: '{…}' }, 7],
    ]);
  });

  it('reads fenced blocks with their language, indented ones too', () => {
    expect(
      parsePage('x\n\n```sh\nnpm install\n```\n\n- item\n\n  ```ts\n  let a = 1;\n  ```\n').fences,
    ).toEqual([
      { lang: 'sh', body: ['npm install'], line: 3 },
      { lang: 'ts', body: ['let a = 1;'], line: 9 },
    ]);
  });

  it("knows which lessons show a file: its <Example>s and its exercises' solutions, once each", () => {
    const lessons = [
      { id: 'a', body: '<Example file="x.ts" region="r" />\n\n<Example file="x.ts" />\n' },
      { id: 'b', body: 'text\n\n<Exercise id="e" region="r">task</Exercise>\n' },
      { id: 'c', body: '<Session name="x" />\n' },
    ];
    const byFile = lessonsByFile(lessons);
    expect([...byFile].map(([file, ls]) => [file, ls.map((l) => l.id)])).toEqual([
      ['x.ts', ['a']],
      ['exercises/e/solution.ts', ['b']],
    ]);
  });
});
