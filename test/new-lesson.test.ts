// `npm run new:lesson`: the README's command, run into a copy of the course, writes the files the
// README lists (in both languages), and the lesson it writes passes the house checks as written:
// the example's shape and command line, its session (run for real), both pages' references, the
// quiz. It overwrites nothing. (The whole suite over a generated lesson is the README's next step.)
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'shell-quote';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_REGION, checkContent } from '../src/lib/content-checks.ts';
import { lessonFiles, main } from '../src/lib/new-lesson-command.ts';
import { checkQuizzes } from '../src/lib/quiz-checks.ts';
import { findRegions } from '../src/lib/regions.ts';
import { runSession } from '../src/lib/session-runner.ts';
import { finish, root, run } from './processes.ts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** The README's command (one, the same in both languages), and its arguments after `--`. */
const commands = [...readme.matchAll(/^npm run new:lesson -- .*$/gm)].map((m) => m[0]);
const args = (parse(commands[0] ?? '') as string[]).slice(4);
const [lesson] = args;
const name = lesson?.replace('/', '-');

/** A copy of what a lesson touches, with the course's node_modules. */
const tmp = mkdtempSync(join(tmpdir(), 'new-lesson-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
for (const part of ['astro.config.mjs', 'test/robustness/profiles.ts', 'src', 'examples'])
  cpSync(join(root, part), join(tmp, part), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'));

const printed: string[] = [];
const code = await main(args, (line) => printed.push(line), tmp);
const output = printed.join('\n');
const written = lessonFiles(lesson, name).map((f) => f.path);

describe('npm run new:lesson', () => {
  it('runs the command the README gives, which writes and edits what the README lists, in both languages', () => {
    expect(commands.length, 'the command, in the English and the Portuguese section').toBe(2);
    expect(commands[1]).toBe(commands[0]);
    expect(code, output).toBe(0);
    const lists = [...readme.matchAll(/<!-- new-lesson files -->\n+```text\n([\s\S]*?)\n```/g)].map(
      (m) =>
        m[1]
          .trimEnd()
          .split('\n')
          .map((line) => line.split(/\s+/)[0]),
    );
    expect(lists.length, 'the list, in the English and the Portuguese section').toBe(2);
    const edited = ['astro.config.mjs', 'test/robustness/profiles.ts'];
    for (const list of lists) expect(list).toEqual([...written, ...edited]);
    for (const file of [...written, ...edited]) expect(output).toContain(`  ${file}\n`);
  });

  it('adds the lesson last in its part, and the example a robustness profile', () => {
    const config = readFileSync(join(tmp, 'astro.config.mjs'), 'utf8');
    const parts = [...config.matchAll(/items: \[([^\]]*)\]/g)].map((m) =>
      [...m[1].matchAll(/'([^']+)'/g)].map((item) => item[1]),
    );
    const part = parts.find((items) => items.includes(lesson));
    expect(part?.at(-1)).toBe(lesson);
    expect(part?.slice(0, -1).every((item) => item.startsWith(`${lesson.split('/')[0]}/`))).toBe(
      true,
    );
    const profiles = readFileSync(join(tmp, 'test/robustness/profiles.ts'), 'utf8');
    expect(profiles).toMatch(
      new RegExp(`^  '${name}\\.ts': \\{ kind: 'server', probe: 'udp'`, 'm'),
    );
  });

  // The README's lesson (a server), and a client beside it (--kind client).
  const client = { lesson: `${lesson}-client`, name: `${name}-client` };
  const kinds = [
    { kind: 'server', lesson, name, listening: 'udp server listening on' },
    { kind: 'client', ...client, listening: 'sent 5 bytes to 127.0.0.1:12000' },
  ];

  it('writes a client with --kind client, with a client profile', async () => {
    const more = ['--title-pt', 'Um cliente', '--title-en', 'A client', '--kind', 'client'];
    expect(await main([client.lesson, ...more], () => {}, tmp)).toBe(0);
    const profiles = readFileSync(join(tmp, 'test/robustness/profiles.ts'), 'utf8');
    expect(profiles).toMatch(
      new RegExp(`^  '${client.name}\\.ts': \\{ kind: 'client', probe: 'udp', args: \\[`, 'm'),
    );
  });

  it.for(kinds)(
    'writes a $kind in the house shape: node: imports only, the cli tail last, --help and a bad --port',
    async ({ name }) => {
      const file = join(tmp, 'examples', `${name}.ts`);
      const text = readFileSync(file, 'utf8');
      const regions = findRegions(text, file);
      expect(regions.get(CLI_REGION)?.end).toBe(text.trimEnd().split('\n').length - 1);
      expect([...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual([
        'node:dgram',
        'node:net',
        'node:util',
      ]);
      const help = await finish(run(process.execPath, [file, '--help'], { cwd: tmp }));
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toMatch(new RegExp(`^usage: npx tsx examples/${name}\\.ts`));
      const bad = await finish(run(process.execPath, [file, '--port', 'abc'], { cwd: tmp }));
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^invalid --port\nusage: /);
    },
  );

  it('writes lessons that pass the content checks and the quiz checks once their sessions ran', async () => {
    const load = async (file: string) =>
      (await import(pathToFileURL(join(tmp, file)).href)).default;
    for (const { lesson, name, listening } of kinds) {
      const session = await load(`examples/sessions/${name}.session.ts`);
      const transcript = await runSession(session, { root: tmp });
      expect(transcript).toContain(listening);
      writeFileSync(join(tmp, `examples/sessions/${name}.txt`), transcript);
      const quiz = await load(`src/content/quizzes/${lesson}.ts`);
      expect(await checkQuizzes(tmp, [lesson], new Map([[lesson, quiz]]))).toEqual([]);
    }
    // Both pages resolve every reference and show the same ones in the same order.
    expect(await checkContent(tmp)).toEqual([]);
  });

  it('overwrites nothing: a lesson that exists, or a part that does not, is refused and nothing written', async () => {
    const before = readFileSync(join(tmp, 'astro.config.mjs'), 'utf8');
    const again: string[] = [];
    expect(await main(args, (line) => again.push(line), tmp)).toBe(1);
    expect(again.join('\n')).toContain(`nothing written:`);
    expect(again.join('\n')).toContain(`examples/${name}.ts exists`);
    expect(again.join('\n')).toContain(`astro.config.mjs already lists ${lesson}`);
    const other = ['nowhere/x', '--title-pt', 'a', '--title-en', 'b'];
    const refused: string[] = [];
    expect(await main(other, (line) => refused.push(line), tmp)).toBe(1);
    expect(refused.join('\n')).toMatch(
      /"nowhere" is not a part of the course .*: basics, udp, tcp/,
    );
    expect(readFileSync(join(tmp, 'astro.config.mjs'), 'utf8')).toBe(before);
  });

  it('answers a wrong command line with its usage, exit 2', async () => {
    const said: string[] = [];
    expect(await main([lesson, '--title-pt', 'só um título'], (line) => said.push(line), tmp)).toBe(
      2,
    );
    expect(said.join('\n')).toMatch(/^usage: npm run new:lesson -- PART\/SLUG/);
  });
});
