// Every exercise: its reference solution passes its check, its untouched starter fails it,
// and the check command speaks clearly to a learner whatever their file does, in their
// language, with process groups or without (Windows has none). The page loads the exercises
// without the code that runs them.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { pickLang } from '../src/lib/check-command.ts';
import { SLACK, type Lang, type ServerExercise } from '../src/lib/exercise.ts';
import { checkCommand, exerciseIds, loadExercise } from '../src/lib/exercise-registry.ts';
import { runChecks, watch } from '../src/lib/exercise-runner.ts';
import { unavailable } from '../src/lib/lab.ts';
import { finish, root, run, until } from './processes.ts';

const ids = exerciseIds();
const dir = (id: string) => join(root, 'examples/exercises', id);
const tmp = mkdtempSync(join(tmpdir(), 'exercise-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `argv`, with no LC_ALL, LC_MESSAGES or LANG but those in `env`: its exit code and output (stopped after `limitMs`). */
const inEnv = (env: Record<string, string>, argv: string[], limitMs?: number) =>
  finish(
    run('env', [
      ...['LC_ALL', 'LC_MESSAGES', 'LANG'].flatMap((name) => ['-u', name]),
      ...Object.entries(env).map(([name, value]) => `${name}=${value}`),
      ...argv,
    ]),
    limitMs,
  );

/** `npm run check -- ARGS`, as the script in package.json runs it (its passes kept in `tmp`). */
const check = (args: string[], env: Record<string, string> = {}, limitMs?: number) =>
  inEnv(
    { COURSE_PROGRESS: join(tmp, 'progress.json'), ...env },
    [process.execPath, 'src/lib/check-command.ts', ...args],
    limitMs,
  );

/** Nothing is still running from that file. */
function noProcessRuns(file: string) {
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  expect(ps.split('\n').filter((l) => l.includes(file))).toEqual([]);
}

it('there are exercises', () => {
  expect(ids).toEqual(expect.arrayContaining(['udp-bytes', 'udp-upper']));
});

/** An exercise checked in a lab, where no lab can be built (not root): skip, saying why; in CI, fail. */
async function needLab(id: string, skip: (note: string) => void) {
  const why = (await loadExercise(id)).kind === 'lab' && unavailable();
  if (!why) return;
  if (process.env.CI) throw new Error(why);
  skip(why);
}

describe.concurrent.each(ids)('exercise %s', (id) => {
  it('its reference solution passes every check', async ({ expect, skip }) => {
    await needLab(id, skip);
    const results = await runChecks(await loadExercise(id), join(dir(id), 'solution.ts'), root);
    const failed = results.filter((r) => !r.passed);
    expect(failed.map((r) => `${r.name.en}: ${r.detail?.en}`).join('\n')).toBe('');
  }, 60_000); // a client exercise runs the program once or twice per check

  it('its untouched starter runs but fails the check', async ({ expect, skip }) => {
    await needLab(id, skip);
    const exercise = await loadExercise(id);
    // (A client's checks at once: a starter that hangs makes each wait for its whole limit.)
    const results = await runChecks(exercise, join(dir(id), exercise.file), root, {
      together: true,
    });
    if (exercise.scratch) {
      // From scratch: the starter is the command-line tail alone, which reads it and ends.
      expect(results[0].detail?.en).toMatch(/^the program ended \(exit code 0\) before/);
    } else expect(results[0].passed).toBe(true); // it starts and says where it listens (a client: answers --help; in a lab: the lab is up)
    expect(results.some((r) => !r.passed)).toBe(true);
  }, 60_000); // a client starter may hang where a check waits for its end
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

  it('checks a client the same way, and --seed repeats a run: the same lost and delayed pings', async ({
    expect,
  }) => {
    const file = join(dir('udp-pinger'), 'client.ts');
    const [a, b] = await Promise.all(
      [1, 2].map(() => check(['udp-pinger', '--file', file, '--seed', '123456'], {}, 50_000)),
    );
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('  ✓ the program runs and ends (--help prints its usage)\n');
    expect(a.stdout).toMatch(/\n {2}✗ sends "ping 1" to "ping 4".*\n {6}ran with --count 4 /);
    expect(a.stdout).toContain(
      '(seed 123456: add --seed 123456 to the command to repeat this run)',
    );
    expect(a.stdout).toMatch(/\nHint: send `ping \$\{seq\}`/);
    const scenes = (out: string) => out.match(/\(the server [^)]*\)/g);
    expect(scenes(a.stdout)?.length).toBe(5);
    expect(scenes(b.stdout)).toEqual(scenes(a.stdout));
    const wrong = await check(['udp-pinger', '--seed', 'abc']);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toMatch(/^--seed takes a whole number.*\nusage: /s);
  }, 60_000);

  it('speaks Portuguese from LANG', async ({ expect }) => {
    const file = join(dir('udp-bytes'), 'server.ts');
    const fromEnv = await check(['udp-bytes', '--file', file], { LANG: 'pt_BR.UTF-8' });
    expect(fromEnv.stdout).toContain('✗ "olá, mundo" tem 11 bytes (e 10 caracteres)');
    expect(fromEnv.stdout).toContain(
      'enviado "olá, mundo", esperado "11 bytes", recebido "10 bytes"',
    );
    expect(fromEnv.stdout).toMatch(/\nDica: /);
  });

  it("the command a Portuguese page shows speaks Portuguese where the terminal does not say so (WSL's C.UTF-8, no LANG at all)", async ({
    expect,
  }) => {
    expect(checkCommand('udp-bytes', 'pt')).toBe('npm run check -- udp-bytes --lang pt');
    expect(checkCommand('udp-bytes', 'en')).toBe('npm run check -- udp-bytes');
    // The page's command, run on a file that is not there: the one sentence says which language.
    const argsOf = (lang: Lang) => [
      ...checkCommand('udp-bytes', lang).split(' ').slice(4),
      '--file',
      'missing.ts',
    ];
    const environments: Record<string, string>[] = [{ LANG: 'C.UTF-8' }, {}];
    const runs = await Promise.all(
      environments.flatMap((env) => [check(argsOf('pt'), env), check(argsOf('en'), env)]),
    );
    expect(runs.map((r) => r.stdout)).toEqual([
      'o arquivo missing.ts não existe.\n',
      'the file missing.ts does not exist.\n',
      'o arquivo missing.ts não existe.\n',
      'the file missing.ts does not exist.\n',
    ]);
    // The page prints that command, in its own language.
    const page = readFileSync(join(root, 'src/components/Exercise.astro'), 'utf8');
    expect(page).toContain('const lang = langOf(Astro);');
    expect(page).toContain('const command = checkCommand(id, lang, exercise);');
  });

  it('lists the exercises under their lesson when given no name', async ({ expect }) => {
    const r = await check([], { LANG: 'en_US.UTF-8' });
    expect(r.code).toBe(0);
    for (const id of ids) {
      const { lesson, title } = await loadExercise(id);
      const under = r.stdout.split(`(${lesson})\n`)[1]?.split('\n\n')[0] ?? '';
      expect(under).toMatch(
        new RegExp(`^  [✓·] ${id} +${title.en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
      );
    }
  });

  it('says which exercises exist when the name is wrong, exit 2', async ({ expect }) => {
    const r = await check(['udp-uper']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('there is no exercise "udp-uper".');
    expect(r.stdout).toMatch(/^ {2}[✓·] udp-upper /m);
  });
});

describe.concurrent('a learner file that does not work gets one clear sentence', () => {
  const exercise = loadExercise('udp-upper') as Promise<ServerExercise>;
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
    const [start] = await runChecks(await exercise, file, root, { startLimitMs: 1500 });
    expect(start.detail!.en).toBe(
      'the program did not say "listening on HOST:PORT" within 1.5 s (is it stuck?).',
    );
    expect(Date.now() - started).toBeLessThan(1500 * SLACK + 6000); // the wait, start and stop
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

describe.concurrent('without process groups', () => {
  /** Is `pid` a process that still runs (a zombie, ended but not yet reaped, does not)? */
  const alive = (pid: number) =>
    existsSync(`/proc/${pid}/stat`) &&
    !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

  it.runIf(process.platform === 'linux')(
    "(Windows' way, COURSE_PROCESS_GROUPS=0) a check stops the learner's program and what it started, and ends",
    async ({ expect }) => {
      // The solution, preceded by a helper it starts and waits for: what it started must go too.
      const state = join(tmp, 'groups-off.json');
      const file = join(tmp, 'groups-off.mts');
      writeFileSync(
        file,
        [
          "import { spawn as startHelper } from 'node:child_process';",
          "import { once as onceHelper } from 'node:events';",
          "import { readFileSync as readStat, writeFileSync as writeState } from 'node:fs';",
          "const helper = startHelper(process.execPath, ['-e', 'console.log(); setInterval(() => {}, 1000)'], { stdio: ['ignore', 'pipe', 'ignore'] });",
          "await onceHelper(helper.stdout!, 'data');",
          "const stat = readStat('/proc/self/stat', 'utf8');",
          "const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);",
          `writeState(${JSON.stringify(state)}, JSON.stringify({ pid: process.pid, group, helper: helper.pid }));`,
          readFileSync(join(dir('udp-upper'), 'solution.ts'), 'utf8'),
        ].join('\n'),
      );
      const r = await check(['udp-upper', '--file', file], { COURSE_PROCESS_GROUPS: '0' });
      expect(r.stdout).toContain('5 of 5 checks passed.');
      expect(r.code).toBe(0); // (finish() would have stopped it after 10 s: 137)
      const { pid, group, helper } = JSON.parse(readFileSync(state, 'utf8'));
      expect(group).not.toBe(pid); // no group of its own: it ran the way it runs on Windows
      // Killed, they are gone as soon as the system has run them once more; left running, never.
      await until(() => !alive(pid) && !alive(helper), 2000, 'the program and its helper to end');
      noProcessRuns(file);
    },
  );
});

describe('the page loads the exercises without the code that runs them', () => {
  const NETWORK_OR_PROCESSES = /^(node:)?(net|dgram|tls|child_process)$/;

  /** What bundling `entry` as the page build does (Vite, for the server) imports from outside, and which modules it holds. */
  async function bundle(entry: string) {
    const out = await build({
      configFile: false,
      root,
      logLevel: 'silent',
      build: { ssr: entry, write: false },
    });
    const chunks = (Array.isArray(out) ? out : [out])
      .flatMap((o) => ('output' in o ? o.output : []))
      .flatMap((o) => (o.type === 'chunk' ? [o] : []));
    return {
      imports: new Set(chunks.flatMap((c) => c.imports)),
      modules: chunks.flatMap((c) => c.moduleIds),
    };
  }

  it('the registry brings every check.ts and no node:net, dgram, tls or child_process', async () => {
    const { imports, modules } = await bundle('src/lib/exercise-registry.ts');
    for (const id of ids)
      expect(modules).toContain(join(root, 'examples/exercises', id, 'check.ts'));
    expect([...imports].filter((i) => NETWORK_OR_PROCESSES.test(i))).toEqual([]);
    // The same look at the runner finds them: the test can see what it looks for.
    const runner = await bundle('src/lib/exercise-runner.ts');
    expect([...runner.imports].filter((i) => NETWORK_OR_PROCESSES.test(i)).sort()).toEqual([
      'node:child_process',
      'node:dgram',
      'node:net',
      'node:tls',
    ]);
  });
});

describe.concurrent('a watched connection', () => {
  /** A TCP server on port 0 that does `serve` with each connection; closed after the test. */
  async function server(serve: (socket: Socket) => void, onTestFinished: (f: () => void) => void) {
    const s = createServer(serve).listen(0, '127.0.0.1');
    await new Promise((resolve) => s.once('listening', resolve));
    onTestFinished(() => s.close());
    const connection = watch(connect((s.address() as { port: number }).port, '127.0.0.1'));
    onTestFinished(() => connection.close());
    return connection;
  }

  it('reads until enough lines came, and says how and when the other side ended', async ({
    expect,
    onTestFinished,
  }) => {
    const c = await server((socket) => {
      socket.write('a\n');
      setTimeout(() => socket.end('b\nc'), 50);
    }, onTestFinished);
    await c.send('hello');
    expect(String(await c.read({ lines: 2 }))).toBe('a\nb\nc');
    expect(String(c.sent())).toBe('hello');
    expect(await c.ended()).toMatchObject({ how: 'FIN' });
    expect(c.ending!.afterMs).toBeGreaterThanOrEqual(25); // the server ended it 50 ms after it accepted
  });

  it('tells a reset from a FIN, and a silence from both', async ({ expect, onTestFinished }) => {
    const reset = await server((socket) => socket.resetAndDestroy(), onTestFinished);
    expect((await reset.ended())?.how).toBe('ECONNRESET');
    const silent = await server(() => {}, onTestFinished);
    const started = performance.now();
    expect(await silent.read({ text: 'never', limitMs: 100 })).toEqual(Buffer.alloc(0));
    expect(performance.now() - started).toBeGreaterThanOrEqual(100 * SLACK - 5);
    expect(silent.ending).toBeUndefined();
  });
});

describe("the learner's language", () => {
  // [--lang, LC_ALL / LC_MESSAGES / LANG, what Node's Intl says, the language]
  const shapes: [string | undefined, NodeJS.ProcessEnv, string, Lang, string][] = [
    [undefined, { LANG: 'pt_BR.UTF-8' }, 'pt-BR', 'pt', 'Linux or macOS in Portuguese'],
    [undefined, { LANG: 'en_US.UTF-8' }, 'pt-BR', 'en', 'English, asked for'],
    [undefined, { LC_ALL: 'pt_PT', LANG: 'en_US' }, 'en-US', 'pt', 'LC_ALL first'],
    [
      undefined,
      { LC_MESSAGES: 'pt_BR.UTF-8', LANG: 'en_US.UTF-8' },
      'en-US',
      'pt',
      'then LC_MESSAGES',
    ],
    [undefined, { LC_ALL: '', LANG: 'pt_BR.UTF-8' }, 'und', 'pt', 'an empty one is unset'],
    [undefined, {}, 'pt-BR', 'pt', "PowerShell: no LANG; Intl says Windows' regional format"],
    [undefined, {}, 'en-US', 'en', 'nothing anywhere'],
    [undefined, { LANG: 'C.UTF-8' }, 'en-US', 'en', "WSL's Ubuntu: Intl reads the same LANG"],
    [undefined, { LANG: 'C.UTF-8' }, 'pt-BR', 'pt', 'C names no language: the system does'],
    [
      undefined,
      { LC_ALL: 'POSIX', LANG: 'pt_BR.UTF-8' },
      'en-US-u-va-posix',
      'en',
      'POSIX neither',
    ],
    ['pt', { LANG: 'C.UTF-8' }, 'en-US', 'pt', 'the Portuguese pages say --lang pt'],
    ['en', { LANG: 'pt_BR.UTF-8' }, 'pt-BR', 'en', '--lang first'],
  ];
  it.for(shapes)('--lang %s, %o, Intl %s: %s (%s)', ([flag, env, system, lang]) => {
    expect(pickLang(flag, env, system)).toBe(lang);
  });

  it.runIf(process.platform === 'linux')(
    "on Linux, Node's Intl reads LC_ALL, LC_MESSAGES and LANG: C.UTF-8 and no LANG say en-US",
    async () => {
      const intl = async (env: Record<string, string>) =>
        (
          await inEnv(env, [
            process.execPath,
            '-p',
            'Intl.DateTimeFormat().resolvedOptions().locale',
          ])
        ).stdout.trim();
      expect(await intl({ LANG: 'pt_BR.UTF-8' })).toBe('pt-BR');
      expect(await intl({ LANG: 'C.UTF-8' })).toBe('en-US');
      expect(await intl({})).toBe('en-US');
    },
  );
});
