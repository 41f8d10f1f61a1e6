// The chat exercise's checks can fail: for each property a check verifies, a copy of the course's
// solution without that property (one edit of its text) passes the program's start and fails
// that check. Each copy runs only its check; the whole solution passing them all is
// test/exercises.test.ts's job.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import type { ServerExercise } from '../src/lib/exercise.ts';
import { loadExercise } from '../src/lib/exercise-registry.ts';
import { runChecks } from '../src/lib/exercise-runner.ts';
import { root } from './processes.ts';

const folder = join(root, 'examples/exercises/chat');
const solution = readFileSync(join(folder, 'solution.ts'), 'utf8');
const exercise = (await loadExercise('chat')) as ServerExercise; // a server the learner writes
const tmp = mkdtempSync(join(tmpdir(), 'chat-mutants-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Mutant {
  /** What the copy lacks. */
  lacks: string;
  /** The check it must fail, by the start of its English name. */
  check: string;
  /** The edits to the solution's text: each `from` must be in it. */
  edits: [from: string, to: string][];
}

const mutants: Mutant[] = [
  {
    lacks: 'the join announcement',
    check: 'the first line is the name',
    edits: [
      [
        '    announce(`* ${name} joined`); // the newcomer gets it too: its name was accepted\n',
        '',
      ],
    ],
  },
  {
    lacks: "the sender's name before its line",
    check: 'every line goes to the others',
    edits: [['broadcast(`${name}: ${line}`, socket)', 'broadcast(line, socket)']],
  },
  {
    lacks: 'leaving the sender out (its line comes back to it)',
    check: 'every line goes to the others',
    edits: [['broadcast(`${name}: ${line}`, socket)', 'broadcast(`${name}: ${line}`)']],
  },
  {
    lacks: 'setEncoding: each chunk decoded on its own (a cut "ê" breaks)',
    check: 'lines are lines',
    edits: [["  socket.setEncoding('utf8');", '  //']],
  },
  {
    lacks: 'framing: each chunk taken as one line',
    check: 'lines are lines',
    edits: [
      [
        "    const lines = (pending + chunk).split('\\n');\n    pending = lines.pop()!;",
        "    const lines = [chunk.replace(/\\n$/, '')];",
      ],
    ],
  },
  {
    lacks: 'the leave announcement',
    check: 'a client that leaves is announced',
    edits: [['if (room.delete(socket)) announce(`* ${name} left`);', 'room.delete(socket);']],
  },
  {
    lacks: 'refusing an empty name',
    check: 'an empty name, a name in use',
    edits: [
      ['const NAME = /^[\\p{L}\\p{N}_-]{1,20}$/u;', 'const NAME = /^[\\p{L}\\p{N}_-]{0,20}$/u;'],
    ],
  },
  {
    lacks: 'refusing a name in use',
    check: 'an empty name, a name in use',
    edits: [['else if ([...room.values()].includes(name))', 'else if (false)']],
  },
  {
    lacks: 'a line limit',
    check: 'a line of 1,024 characters',
    edits: [['const MAX_LINE = 1024;', 'const MAX_LINE = Infinity;']],
  },
  {
    lacks: 'a limit as large as the protocol says (100 characters)',
    check: 'a line of 1,024 characters',
    edits: [['const MAX_LINE = 1024;', 'const MAX_LINE = 100;']],
  },
  {
    lacks: 'tolerance of bytes that are not UTF-8 (a strict decoder that throws)',
    check: 'binary garbage',
    edits: [
      [
        "  socket.setEncoding('utf8');",
        "  const decoder = new TextDecoder('utf-8', { fatal: true });",
      ],
      [
        "socket.on('data', (chunk: string) => {\n    const lines = (pending + chunk)",
        "socket.on('data', (bytes: Buffer) => {\n    const lines = (pending + decoder.decode(bytes, { stream: true }))",
      ],
    ],
  },
  {
    lacks: "a listener for each connection's 'error' (a reset ends the program)",
    check: 'a client that resets its connection',
    edits: [
      [
        "  socket.on('error', () => {}); // a reset (ECONNRESET) ends this connection only; 'close' follows\n",
        '',
      ],
    ],
  },
  {
    lacks: 'dropping a client that does not read (its queue grows without bound)',
    check: 'a client that stops reading',
    edits: [
      [
        "    if (client.writableLength > MAX_QUEUE) client.destroy(); // its 'close' says it left\n",
        '',
      ],
    ],
  },
  {
    lacks:
      "dropping it: the talker is paused until the non-reader's queue drains, as an echo server would",
    check: 'a client that stops reading',
    edits: [
      [
        'if (client.writableLength > MAX_QUEUE) client.destroy();',
        "if (client.writableLength > MAX_QUEUE && except) { except.pause(); client.once('drain', () => except.resume()); }",
      ],
    ],
  },
];

describe.concurrent('the chat solution without', () => {
  it.for(mutants.map((m, i) => [m.lacks, i] as const))(
    '%s fails its check',
    async ([, i], { expect }) => {
      const { check, edits } = mutants[i];
      let text = solution;
      for (const [from, to] of edits) {
        expect(text, `the solution no longer has ${JSON.stringify(from)}`).toContain(from);
        text = text.replace(from, to);
      }
      const file = join(tmp, `mutant-${i}.ts`);
      writeFileSync(file, text);
      const checks = exercise.checks.filter((c) => c.name.en.startsWith(check));
      expect(checks).toHaveLength(1);
      const [start, result] = await runChecks({ ...exercise, checks }, file, root);
      expect(start.passed, start.detail?.en).toBe(true);
      expect(result.passed).toBe(false);
      expect(result.detail?.en).toBeTruthy();
      console.log(`without ${mutants[i].lacks}:\n  ✗ ${result.name.en}\n    ${result.detail!.en}`);
    },
  );
});
