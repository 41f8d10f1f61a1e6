// Every check of a client exercise, and of an exercise checked in a lab, is proven by a mistake: a
// copy of the reference solution with one thing wrong fails exactly the checks that catch it, and
// each failure says why (a client's: what was run, what was expected and what came).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exerciseIds, loadExercise } from '../src/lib/exercise-registry.ts';
import { runChecks } from '../src/lib/exercise-runner.ts';
import { unavailable } from '../src/lib/lab.ts';
import { root } from './processes.ts';

const ids = exerciseIds();
const dir = (id: string) => join(root, 'examples/exercises', id);
const tmp = mkdtempSync(join(tmpdir(), 'exercise-mutants-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
vi.setConfig({ maxConcurrency: 3 });

/** An exercise checked in a lab, where no lab can be built (not root): skip, saying why; in CI, fail. */
async function needLab(id: string, skip: (note: string) => void) {
  const why = (await loadExercise(id)).kind === 'lab' && unavailable();
  if (!why) return;
  if (process.env.CI) throw new Error(why);
  skip(why);
}

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
  /** How long its program may take to say where it listens (a mistake that never says it: short). */
  startLimitMs?: number;
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
  it('every check of every client exercise has a mutation that fails it', async () => {
    const clients = ids.filter((id) => mutations.some((m) => m.id === id));
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

  // One test per mistake, three side by side, and each one's checks at once: most of a mistake's
  // time is spent waiting for a program that hangs or a timeout that runs out. (More at once
  // would have this thread's servers answer late: the checks time the replies.)
  it.concurrent.for(mutations.map((m) => [`${m.id}: ${m.mistake}`, m] as const))(
    '%s: the mistaken copy of the solution fails exactly the checks that catch it, saying what was run, expected and got',
    async ([, mutation], { expect }) => {
      const problems = await problemsOf(mutation);
      expect(problems, problems.join('\n')).toEqual([]);
    },
  );
});

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
  const results = await runChecks(exercise, file, root, { together: true });
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
      startLimitMs: 1500, // it never will: each check waits for it, no longer than that
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

  it.concurrent.for(labMutations.map((m) => [`${m.id}: ${m.mistake}`, m] as const))(
    '%s: the mistaken copy of the solution fails the checks that catch it, and says why',
    { timeout: 120_000 }, // a lab for each check, and programs started in it
    async ([, mutation], { expect, skip }) => {
      await needLab(mutation.id, skip);
      const problems = await labProblemsOf(mutation);
      expect(problems, problems.join('\n')).toEqual([]);
    },
  );
});

/** What is wrong with a lab mistake: [] if its copy fails exactly its checks, each saying why in both languages. */
async function labProblemsOf({
  id,
  mistake,
  from,
  to,
  fails,
  startLimitMs,
}: Mutation): Promise<string[]> {
  const exercise = await loadExercise(id);
  const solution = readFileSync(join(dir(id), 'solution.ts'), 'utf8');
  const found = solution.split(from).length - 1;
  if (found !== 1) return [`${mistake}: "${from}" is ${found} times in solution.ts, not once`];
  const file = join(tmp, `${id}-${mistake.replace(/\W+/g, '-')}.ts`);
  writeFileSync(file, solution.replace(from, to));
  const results = await runChecks(exercise, file, root, { startLimitMs });
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
