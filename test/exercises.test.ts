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
    expect(results.filter((r) => !r.passed)).toEqual([]);
  }, 60_000); // a client exercise runs the program once or twice per check

  it('its untouched starter runs but fails the check', async ({ expect, skip }) => {
    await needLab(id, skip);
    const exercise = await loadExercise(id);
    const results = await runChecks(exercise, join(dir(id), exercise.file), root);
    if (exercise.scratch) {
      // From scratch: the starter is the command-line tail alone, which reads it and ends.
      expect(results[0].detail?.en).toMatch(/^the program ended \(exit code 0\) before/);
    } else expect(results[0].passed).toBe(true); // it starts and says where it listens (a client: answers --help; in a lab: the lab is up)
    expect(results.some((r) => !r.passed)).toBe(true);
  }, 60_000); // a client starter may hang where a check waits for its end
});

/**
 * A wrong client, for each check of a client exercise: a copy of the solution with one mistake
 * (`from` becomes `to`, `times` times), and the checks it must fail, by a piece of their English
 * name. Most mistakes fail one check; a few cannot help failing more (a client with no timeout
 * hangs on every lost datagram), and those say which.
 */
interface Mutation {
  id: string;
  mistake: string;
  from: string;
  to: string;
  times?: number;
  fails: string[];
}
const TIMER = `  timer = setTimeout(() => {
    console.log(\`no reply to ping \${seq} within \${timeout} ms\`);
    next();
  }, timeout);
`;
const mutations: Mutation[] = [
  // udp-pinger
  ...[
    {
      mistake: 'sends "ping1"',
      from: '`ping ${seq}`',
      to: '`ping${seq}`',
      times: 2,
      fails: ['sends "ping 1"'],
    },
    {
      mistake: 'no timeout',
      from: TIMER,
      to: '',
      fails: ['given up after', 'counts as lost', 'late reply', 'no reply at all'],
    },
    {
      mistake: 'counts a lost ping as received',
      from: '    console.log(`no reply to ping ${seq} within ${timeout} ms`);\n',
      to: '    rtts.push(timeout);\n',
      fails: ['counts as lost', 'late reply', 'no reply at all'],
    },
    {
      mistake: 'averages over every ping sent',
      from: '/ rtts.length;',
      to: '/ count;',
      fails: ['counts as lost'],
    },
    {
      mistake: 'takes any reply for the current one',
      from: "  if (reply.toString('utf8') !== `ping ${seq}`) return; // a late reply to an earlier ping, already lost\n",
      to: '',
      fails: ['late reply'],
    },
    {
      mistake: 'RTT in seconds',
      from: 'const rtt = performance.now() - sentAt;',
      to: 'const rtt = (performance.now() - sentAt) / 1000;',
      fails: ['round-trip times'],
    },
    {
      mistake: 'RTT from the start of the program',
      from: '  sentAt = performance.now();\n',
      to: '',
      fails: ['round-trip times'],
    },
    {
      mistake: 'no reply at all, yet exit code 0',
      from: '    console.error(`no reply from ${server}`);\n    process.exitCode = 1;\n',
      to: '',
      fails: ['no reply at all'],
    },
  ].map((m) => ({ id: 'udp-pinger', ...m })),
  // length-client
  ...[
    {
      mistake: 'a little-endian length',
      from: 'header.writeUInt32BE(payload.length);',
      to: 'header.writeUInt32LE(payload.length);',
      fails: ['big-endian'],
    },
    {
      mistake: 'the length in characters',
      from: 'header.writeUInt32BE(payload.length);',
      to: 'header.writeUInt32BE(message.length);',
      fails: ['counts bytes'],
    },
    {
      mistake: 'waits for the server to close',
      from: '  if (replies === messages.length) socket.destroy(); // all in: the server may keep the connection open\n',
      to: '',
      fails: ['ends after the last one'],
    },
    {
      mistake: 'prints a reply before it is whole',
      from: 'while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {',
      to: 'while (pending.length >= 4) {',
      fails: ['two pieces'],
    },
    {
      mistake: 'reads the length from fewer than 4 bytes',
      from: 'while (pending.length >= 4 && ',
      to: 'while (pending.length > 0 && ',
      fails: ['4 length bytes'],
    },
    {
      mistake: 'one reply per chunk (if, not while)',
      from: 'while (pending.length >= 4 && pending.length',
      to: 'if (pending.length >= 4 && pending.length',
      fails: ['one piece'],
    },
    {
      mistake: 'the length from its last byte',
      from: 'pending.readUInt32BE(0)',
      to: 'pending[3]',
      times: 2,
      fails: ['300 bytes'],
    },
    {
      mistake: 'no word when the server closes early',
      from: `socket.on('end', () => {
  if (replies === messages.length) return; // every reply came: a normal end
  console.error(\`\${server} closed the connection after \${replies} of \${messages.length} replies\`);
  process.exit(1);
});
`,
      to: '',
      fails: ['closes after 1 of the 2'],
    },
    {
      mistake: 'no timeout',
      from: `socket.setTimeout(timeout, () => {
  console.error(\`no reply from \${server} for \${timeout} ms\`);
  process.exit(1);
});
`,
      to: '',
      fails: ['never answers'],
    },
  ].map((m) => ({ id: 'length-client', ...m })),
  // http-client
  ...[
    {
      mistake: 'lines that end in \\n',
      from: '`GET ${path} HTTP/1.1\\r\\nHost: ${server}\\r\\n\\r\\n`',
      to: '`GET ${path} HTTP/1.1\\nHost: ${server}\\n\\n`',
      fails: ['sends "GET /hello HTTP/1.1"'],
    },
    {
      mistake: 'no Host',
      from: '`GET ${path} HTTP/1.1\\r\\nHost: ${server}\\r\\n\\r\\n`',
      to: '`GET ${path} HTTP/1.1\\r\\n\\r\\n`',
      fails: ['Host header'],
    },
    {
      mistake: 'ignores Content-Length (reads until the close)',
      from: "    if (header) length = Number(header.slice(header.indexOf(':') + 1));\n",
      to: '',
      fails: ['exactly Content-Length', 'closes before the body'],
    },
    {
      mistake: 'a case-sensitive header name',
      from: '/^content-length:/i',
      to: '/^Content-Length:/',
      fails: ['exactly Content-Length'],
    },
    {
      mistake: 'takes a chunk for the whole body',
      from: 'received.length >= length',
      to: 'received.length > 0',
      fails: ['three pieces'],
    },
    {
      mistake: 'looks for the empty line in the last chunk only',
      from: "received.indexOf('\\r\\n\\r\\n')",
      to: "chunk.indexOf('\\r\\n\\r\\n')",
      fails: ['headers that arrive in pieces'],
    },
    {
      mistake: 'no Content-Length taken as 0',
      from: "    if (header) length = Number(header.slice(header.indexOf(':') + 1));\n",
      to: "    length = header ? Number(header.slice(header.indexOf(':') + 1)) : 0;\n",
      fails: ['until the server closes'],
    },
    {
      mistake: 'Content-Length in characters',
      from: 'received.length >= length',
      to: "received.toString('utf8').length >= length",
      fails: ['counts bytes'],
    },
    {
      mistake: 'a close before the announced body taken as the end',
      from: '  if (status && length === undefined) return done(received);\n',
      to: '  return done(received);\n',
      fails: ['closes before the body'],
    },
    {
      mistake: 'no timeout',
      from: `socket.setTimeout(timeout, () => {
  console.error(\`no response from \${server} for \${timeout} ms\`);
  process.exit(1);
});
`,
      to: '',
      fails: ['never answers'],
    },
  ].map((m) => ({ id: 'http-client', ...m })),
  // dns-aaaa
  ...[
    {
      mistake: 'asks for type A',
      from: '  u16(28), // type AAAA\n',
      to: '  u16(1), // type AAAA\n',
      fails: ["course's DNS server"],
    },
    {
      mistake: 'a fixed ID',
      from: 'randomInt(0x10000)',
      to: '0x1234',
      fails: ['query ID is random'],
    },
    {
      mistake: 'does not check the ID',
      from: 'answer.length < 12 || answer.readUInt16BE(0) !== id',
      to: 'answer.length < 12',
      fails: ['another ID'],
    },
    {
      mistake: 'prints only the first address',
      from: 'if (type === 28 && length === 16) console.log(ipv6(data));',
      to: 'if (type === 28 && length === 16) {\n      console.log(ipv6(data));\n      break;\n    }',
      fails: ['two AAAA records'],
    },
    {
      mistake: 'takes every record for an address',
      from: 'if (type === 28 && length === 16) console.log(ipv6(data));',
      to: 'console.log(ipv6(data));',
      fails: ['another type'],
    },
    {
      mistake: 'the long form',
      from: "return new net.SocketAddress({ address: full, family: 'ipv6' }).address;",
      to: 'return full;',
      fails: ['short form'],
    },
    {
      mistake: 'ignores the rcode',
      from: '  if (rcode === 3) throw new Error(`${name}: no such name (NXDOMAIN)`);\n  if (rcode !== 0) throw new Error(`${name}: the server answered rcode ${rcode}`);\n',
      to: '',
      fails: ['NXDOMAIN'],
    },
    {
      mistake: 'no timeout',
      from: `const timer = setTimeout(() => {
  console.error(\`no answer from \${server}:\${port} after \${timeout} ms\`);
  process.exit(1);
}, timeout);
`,
      to: 'const timer = undefined; // never gives up\n',
      fails: ['never answers'],
    },
  ].map((m) => ({ id: 'dns-aaaa', ...m })),
];

describe('client exercises: every way a client can be wrong fails a check of its own', () => {
  const clients = ids.filter((id) => mutations.some((m) => m.id === id));

  it('every check of every client exercise has a mutation that fails it', async () => {
    expect([...clients].sort()).toEqual(['dns-aaaa', 'http-client', 'length-client', 'udp-pinger']);
    for (const id of ids) {
      const exercise = await loadExercise(id);
      if (exercise.kind !== 'client') continue;
      for (const check of exercise.checks)
        expect(
          mutations.some((m) => m.id === id && m.fails.some((f) => check.name.en.includes(f))),
          `${id}: "${check.name.en}"`,
        ).toBe(true);
    }
  });

  // One test per exercise, its mistakes run side by side (six at a time over the whole file):
  // most of a mistake's time is spent waiting for a program that hangs or a timeout that runs out.
  describe.concurrent.each(clients)('%s', (id) => {
    it('each mistaken copy of the solution fails exactly the checks that catch it, saying what was run, expected and got', async ({
      expect,
    }) => {
      const wrong = mutations.filter((m) => m.id === id);
      const problems = await Promise.all(wrong.map((m) => atOnce(() => problemsOf(m))));
      expect(problems.flat()).toEqual([]);
    }, 300_000);
  });
});

/**
 * A wrong program, for the exercises checked in a lab: a copy of the solution with one mistake,
 * and the checks it must fail. Their failures are the checks' own words, not the client
 * runner's "ran with …: expected: …; got: …".
 */
const labMutations: Mutation[] = [
  // nat-address
  ...[
    {
      mistake: 'says "behind a NAT" the wrong way round',
      from: "seen === mine ? 'no NAT' : 'behind a NAT'",
      to: "seen === mine ? 'behind a NAT' : 'no NAT'",
      fails: ['behind the router', 'on the server'],
    },
    {
      mistake: 'shows 0.0.0.0 as its own address',
      from: 'const mine = `${local.address}:${local.port}`;',
      to: 'const mine = `0.0.0.0:${local.port}`;',
      fails: ['local side', 'on the server'],
    },
    {
      mistake: 'keeps "you are " in what it was seen as',
      from: ".replace(/^you are /, '')",
      to: '',
      fails: ['behind the router', 'local side', 'on the server'],
    },
    {
      mistake: 'waits for the answer forever',
      from: '}, timeout);\n',
      to: '}, 600_000);\n',
      fails: ['nobody answers'],
    },
    {
      mistake: 'writes an error on stdout',
      from: "const socket = dgram.createSocket('udp4');\n",
      to: "const socket = dgram.createSocket('udp4');\nsocket.on('error', (err) => console.log(err.message));\n",
      fails: ['no server on the port'],
    },
  ].map((m) => ({ id: 'nat-address', ...m })),
  // udp-deliver
  ...[
    {
      mistake: 'never sends a datagram again',
      from: '    if (await echoOf(datagram, timeout * 2 ** (attempt - 1))) return attempt; // 200, 400, 800… ms\n',
      to: '    return attempt;\n',
      fails: ['four messages', 'ten messages', 'nobody echoes'], // it ends before a datagram leaves
    },
    {
      mistake: 'counts no datagram',
      from: '    sent += 1;\n',
      to: '',
      fails: ['on which attempt', 'ten messages'],
    },
    {
      mistake: 'never doubles its wait',
      from: 'timeout * 2 ** (attempt - 1)',
      to: 'timeout',
      fails: ['nobody echoes'],
    },
  ].map((m) => ({ id: 'udp-deliver', ...m })),
  // udp-truncate
  ...[
    {
      mistake: 'sends any answer in one datagram',
      from: '  const datagram = body.length <= MAX_DATAGRAM ? body : Buffer.from(`TRUNCATED ${body.length}\\n`);\n',
      to: '  const datagram = body;\n',
      fails: ['request 377', 'request 1000'],
    },
    {
      mistake: 'sends up to 1,500 bytes in a datagram',
      from: 'const MAX_DATAGRAM = 1200;',
      to: 'const MAX_DATAGRAM = 1500;',
      fails: ['request 377'],
    },
    {
      mistake: 'truncates every answer',
      from: 'body.length <= MAX_DATAGRAM ?',
      to: 'body.length < 0 ?',
      fails: ['a small answer'],
    },
    {
      mistake: 'closes a TCP connection without the answer',
      from: '    socket.end(body);\n',
      to: '    socket.end();\n',
      fails: ['over TCP'],
    },
    {
      mistake: 'does not say where it listens',
      from: 'console.log(`udp and tcp server listening on ${host}:${bound}`)',
      to: 'console.log(`udp and tcp server on ${host}:${bound}`)',
      fails: ['says where it listens', 'a small answer', 'request 377', 'request 1000', 'over TCP'],
    },
  ].map((m) => ({ id: 'udp-truncate', ...m })),
];

describe('lab exercises: every way a program can be wrong fails a check of its own', () => {
  const labbed = [...new Set(labMutations.map((m) => m.id))];

  it('every check of these exercises has a mutation that fails it', async () => {
    for (const id of labbed)
      for (const check of (await loadExercise(id)).checks)
        expect(
          labMutations.some((m) => m.id === id && m.fails.some((f) => check.name.en.includes(f))),
          `${id}: "${check.name.en}"`,
        ).toBe(true);
  });

  describe.concurrent.each(labbed)('%s', (id) => {
    it('each mistaken copy of the solution fails the checks that catch it, and says why', async ({
      expect,
      skip,
    }) => {
      await needLab(id, skip);
      const wrong = labMutations.filter((m) => m.id === id);
      const problems = await Promise.all(wrong.map((m) => atOnce(() => labProblemsOf(m))));
      expect(problems.flat()).toEqual([]);
    }, 300_000);
  });
});

/** What is wrong with a lab mistake: [] if its copy fails exactly its checks, each saying why in both languages. */
async function labProblemsOf({ id, mistake, from, to, fails }: Mutation): Promise<string[]> {
  const exercise = await loadExercise(id);
  const solution = readFileSync(join(dir(id), 'solution.ts'), 'utf8');
  const found = solution.split(from).length - 1;
  if (found !== 1) return [`${mistake}: "${from}" is ${found} times in solution.ts, not once`];
  const file = join(tmp, `${id}-${mistake.replace(/\W+/g, '-')}.ts`);
  writeFileSync(file, solution.replace(from, to));
  const results = await runChecks(exercise, file, root);
  const names = exercise.checks.map((c) => c.name.en);
  const expected = names.filter((name) => fails.some((f) => name.includes(f)));
  if (expected.length !== fails.length)
    return [`${mistake}: ${fails} name ${expected.length} checks`];
  const failed = results.filter((r) => !r.passed);
  const problems: string[] = [];
  if (failed.map((r) => r.name.en).join('\n') !== expected.join('\n'))
    problems.push(
      `${mistake}: expected to fail ${JSON.stringify(expected)}, failed:\n${failed.map((r) => `  ${r.name.en}\n    ${r.detail?.en}`).join('\n')}`,
    );
  for (const r of failed)
    if (!r.detail?.en || !r.detail?.pt) problems.push(`${mistake}: "${r.name.en}" says nothing`);
  return problems;
}

/** Run `task`s, at most `size` at a time. */
function limit(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < size) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // a slot handed over
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
const atOnce = limit(6);

/** What is wrong with a mistake: [] if its copy fails exactly its checks, each saying what was run, expected and got. */
async function problemsOf({
  id,
  mistake,
  from,
  to,
  times = 1,
  fails,
}: Mutation): Promise<string[]> {
  const exercise = await loadExercise(id);
  const solution = readFileSync(join(dir(id), 'solution.ts'), 'utf8');
  const found = solution.split(from).length - 1;
  if (found !== times)
    return [`${mistake}: "${from}" is ${found} times in solution.ts, not ${times}`];
  const file = join(tmp, `${id}-${mistake.replace(/\W+/g, '-')}.ts`);
  writeFileSync(file, solution.replaceAll(from, to));
  const results = await runChecks(exercise, file, root);
  const names = exercise.checks.map((c) => c.name.en);
  const expected = names.filter((name) => fails.some((f) => name.includes(f)));
  if (expected.length !== fails.length)
    return [`${mistake}: ${fails} name ${expected.length} checks`];
  const failed = results.filter((r) => !r.passed);
  const problems: string[] = [];
  if (failed.map((r) => r.name.en).join('\n') !== expected.join('\n'))
    problems.push(
      `${mistake}: expected to fail ${JSON.stringify(expected)}, failed:\n${failed.map((r) => `  ${r.name.en}\n    ${r.detail?.en}`).join('\n')}`,
    );
  for (const r of failed) {
    if (!/^ran with .*: expected: .+; got: /s.test(r.detail?.en ?? ''))
      problems.push(`${mistake}: "${r.name.en}" says ${JSON.stringify(r.detail?.en)}`);
    if (!/^rodado com .*: esperado: .+; recebido: /s.test(r.detail?.pt ?? ''))
      problems.push(`${mistake}: "${r.name.pt}" says ${JSON.stringify(r.detail?.pt)}`);
    if (!r.hint) problems.push(`${mistake}: "${r.name.en}" has no hint`);
  }
  return problems;
}

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
    expect(page).toMatch(
      /const lang: Lang = Astro\.locals\.starlightRoute\.lang\.startsWith\('pt'\)/,
    );
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
