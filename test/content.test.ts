// The lessons' integrity: twins, no typed-in code, references that resolve.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent, fencesIn, referencesIn } from '../src/lib/content-checks.ts';
import { root } from './processes.ts';

describe('the course content', () => {
  it('has no problems: twins, references, code only from examples/', () => {
    expect(checkContent(root)).toEqual([]);
  });

  it('has a lesson in both languages, at least', () => {
    expect(readFileSync(join(root, 'src/content/docs/udp/echo.mdx'), 'utf8')).toMatch(/<Example /);
    expect(readFileSync(join(root, 'src/content/docs/en/udp/echo.mdx'), 'utf8')).toMatch(/<Example /);
  });
});

describe('the content checks catch broken lessons', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A copy of the course's content and examples, to break on purpose. */
  function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'content-'));
    copies.push(dir);
    for (const part of ['src/content', 'examples']) cpSync(join(root, part), join(dir, part), { recursive: true });
    return dir;
  }
  const edit = (dir: string, file: string, change: (text: string) => string) =>
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

  it('a misspelt region', () => {
    const dir = copy();
    edit(dir, 'src/content/docs/udp/echo.mdx', (t) => t.replace(/region="echo"/, 'region="ecco"'));
    expect(checkContent(dir).join('\n')).toContain('examples/udp-server.ts: no region "ecco"');
  });

  it('a lesson without its twin', () => {
    const dir = copy();
    rmSync(join(dir, 'src/content/docs/en/udp/echo.mdx'));
    expect(checkContent(dir)).toContain('src/content/docs/udp/echo.mdx has no English twin at src/content/docs/en/udp/echo.mdx');
  });

  it('twins that show different code', () => {
    const dir = copy();
    edit(dir, 'src/content/docs/en/udp/echo.mdx', (t) => t.replace(/region="echo"/, 'region="bind"'));
    expect(checkContent(dir).join('\n')).toMatch(/and its English twin differ at code reference \d+/);
  });

  it('program code typed into a page', () => {
    const dir = copy();
    edit(dir, 'src/content/docs/udp/echo.mdx', (t) => `${t}\n\`\`\`ts\nsocket.bind(12000);\n\`\`\`\n`);
    expect(checkContent(dir).join('\n')).toMatch(/a ```ts block; show code with <Example/);
  });

  it('a session that does not exist, and a transcript that was never recorded', () => {
    const dir = copy();
    edit(dir, 'src/content/docs/udp/echo.mdx', (t) => `${t}\n<Session name="nope" />\n`);
    rmSync(join(dir, 'examples/sessions/udp-no-server.txt'));
    const problems = checkContent(dir).join('\n');
    expect(problems).toContain('examples/sessions/nope.session.ts does not exist');
    expect(problems).toContain('examples/sessions/udp-no-server.txt is missing');
  });
});

describe('the content parsers', () => {
  it('read references in order with their props', () => {
    const refs = referencesIn('a\n<Example file="a.ts" region="x" />\nb <Session name="s"/>');
    expect(refs.map((r) => [r.kind, r.props, r.line])).toEqual([
      ['Example', { file: 'a.ts', region: 'x' }, 2],
      ['Session', { name: 's' }, 3],
    ]);
  });

  it('read fenced blocks with their language', () => {
    expect(fencesIn('x\n```sh\nnpm install\n```\n')).toEqual([{ lang: 'sh', body: ['npm install'], line: 2 }]);
  });
});
