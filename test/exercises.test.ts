// Every exercise: its reference solution passes its check, its untouched starter fails it,
// and the check command speaks clearly to a learner whatever their file does.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseIds, loadExercise, pickLang } from '../src/lib/check-command.ts';
import { runChecks } from '../src/lib/exercise-runner.ts';
import { finish, root, run } from './processes.ts';

const ids = exerciseIds();
const dir = (id: string) => join(root, 'examples/exercises', id);
const tmp = mkdtempSync(join(tmpdir(), 'exercise-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm run check -- ARGS`, as the script in package.json runs it. */
const check = (args: string[], env: Record<string, string> = {}) =>
  finish(
    run('sh', [
      '-c',
      `LANG=${env.LANG ?? 'C'} exec node src/lib/check-command.ts "$@"`,
      'check',
      ...args,
    ]),
  );

/** Nothing is still running from that file. */
function noProcessRuns(file: string) {
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  expect(ps.split('\n').filter((l) => l.includes(file))).toEqual([]);
}

it('there are exercises', () => {
  expect(ids).toEqual(expect.arrayContaining(['udp-bytes', 'udp-upper']));
});

describe.concurrent.each(ids)('exercise %s', (id) => {
  it('its reference solution passes every check', async ({ expect }) => {
    const results = await runChecks(await loadExercise(id), join(dir(id), 'solution.ts'), root);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('its untouched starter runs but fails the check', async ({ expect }) => {
    const exercise = await loadExercise(id);
    const results = await runChecks(exercise, join(dir(id), exercise.file), root);
    expect(results[0].passed).toBe(true); // it starts and says where it listens
    expect(results.some((r) => !r.passed)).toBe(true);
  });
});

describe.concurrent('npm run check', () => {
  it('fails on the starter with a hint, then passes once the learner has done the work', async ({
    expect,
  }) => {
    const file = join(tmp, 'udp-upper-server.ts');
    copyFileSync(join(dir('udp-upper'), 'server.ts'), file);
    const before = await check(['udp-upper', '--file', file]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('✗ "olá, mundo" comes back as "OLÁ, MUNDO"');
    expect(before.stdout).toMatch(/\nHint: the reply is still message itself/);
    expect(before.stdout).not.toMatch(/^\s+at /m);

    copyFileSync(join(dir('udp-upper'), 'solution.ts'), file); // the learner's correct edit
    const after = await check(['udp-upper', '--file', file]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('5 of 5 checks passed.');
    noProcessRuns(file);
  });

  it('speaks Portuguese from LANG or --lang', async ({ expect }) => {
    const file = join(dir('udp-bytes'), 'server.ts');
    const fromEnv = await check(['udp-bytes', '--file', file], { LANG: 'pt_BR.UTF-8' });
    expect(fromEnv.stdout).toContain('✗ "olá, mundo" tem 11 bytes (e 10 caracteres)');
    expect(fromEnv.stdout).toContain(
      'enviado "olá, mundo", esperado "11 bytes", recebido "10 bytes"',
    );
    expect(fromEnv.stdout).toMatch(/\nDica: /);
    const fromFlag = await check(['udp-bytes', '--lang', 'pt', '--file', file]);
    expect(fromFlag.stdout).toContain('verificações passaram');
    expect(pickLang(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(pickLang(undefined, { LC_ALL: 'pt_PT', LANG: 'en_US' })).toBe('pt');
  });

  it('lists the exercises with their lesson when given no name', async ({ expect }) => {
    const r = await check([]);
    expect(r.code).toBe(0);
    for (const id of ids) {
      const { lesson } = await loadExercise(id);
      expect(r.stdout).toMatch(
        new RegExp(`^  ${id} .*\\(lesson ${lesson}, examples/exercises/${id}/`, 'm'),
      );
    }
  });

  it('says which exercises exist when the name is wrong, exit 2', async ({ expect }) => {
    const r = await check(['udp-uper']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('there is no exercise "udp-uper".');
    expect(r.stdout).toContain('  udp-upper ');
  });
});

describe.concurrent('a learner file that does not work gets one clear sentence', () => {
  const exercise = loadExercise('udp-upper');
  const write = (name: string, code: string) => {
    const file = join(tmp, name);
    writeFileSync(file, code);
    return file;
  };

  it('does not compile', async ({ expect }) => {
    const file = write('syntax.ts', 'const x = ;\n');
    const [start] = await runChecks(await exercise, file, root);
    expect(start.passed).toBe(false);
    expect(start.detail!.en).toMatch(
      /^the program ended \(exit code 1\) before it said "listening on HOST:PORT"\.\nStart of its stderr:\n  \| /,
    );
    expect(start.detail!.en.split('\n').length).toBeLessThanOrEqual(8);
    noProcessRuns(file);
  });

  it('throws at start-up', async ({ expect }) => {
    const file = write('throws.ts', "throw new Error('the learner forgot something');\n");
    const [start] = await runChecks(await exercise, file, root);
    expect(start.detail!.pt).toContain('o programa terminou (código 1)');
    expect(start.detail!.en).toContain('the learner forgot something');
  });

  it('never says where it listens, and is stopped within the limit', async ({ expect }) => {
    const file = write('silent.ts', 'setInterval(() => {}, 1000);\n');
    const started = Date.now();
    const [start] = await runChecks(await exercise, file, root, 1500);
    expect(start.detail!.en).toBe(
      'the program did not say "listening on HOST:PORT" within 1.5 s (is it stuck?).',
    );
    expect(Date.now() - started).toBeLessThan(8000); // 1.5 s, plus start-up on a busy machine
    noProcessRuns(file);
  });

  it('hangs on a datagram: each check gives up after a second', async ({ expect }) => {
    const file = write(
      'hangs.ts',
      "import dgram from 'node:dgram';\nconst s = dgram.createSocket('udp4');\n" +
        "s.on('message', () => { for (;;) {} });\n" +
        "s.bind(0, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${s.address().port}`));\n",
    );
    const first = { ...(await exercise), checks: (await exercise).checks.slice(0, 1) };
    const results = await runChecks(first, file, root);
    expect(results[1].detail!.en).toBe('sent "hello", and no reply came within 1000 ms');
    noProcessRuns(file);
  });
});
