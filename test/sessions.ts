// What test/sessions.test.ts and test/capture-sessions.test.ts share: the sessions, and the
// comparison of a fresh run with its golden file, whose failure says which file and what to do.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectStatic } from 'vitest';
import { stepCommand } from '../src/lib/command.ts';
import { LISTENING } from '../src/lib/processes.ts';
import {
  parseTranscript,
  type Session,
  type Step,
  type TerminalLine,
  type Wait,
} from '../src/lib/session.ts';
import { recordRun, STAMPS } from '../src/lib/stamp.ts';
import { root } from './processes.ts';

export const dir = join(root, 'examples/sessions');

/** The name of every session: examples/sessions/NAME.session.ts. */
export const names = readdirSync(dir)
  .filter((f) => f.endsWith('.session.ts'))
  .map((f) => f.replace(/\.session\.ts$/, ''));

export const load = async (name: string): Promise<Session> =>
  (await import(`../examples/sessions/${name}.session.ts`)).default;

/**
 * Compare a fresh run with examples/sessions/NAME.txt. A difference names the file and the
 * command that rewrites it; a missing file fails under CI (it was never committed) and is
 * written, and said so, elsewhere; `vitest -u` (npm run sessions:update) rewrites the file.
 * Then the stamp (src/lib/stamp.ts): a golden file this run wrote, or confirmed first, gets this
 * run's, and a capture keeps this run's packets (`pcap`) beside it; never under CI, where a
 * stamp out of date fails the stamps' own test.
 */
export async function matchGolden(
  expect: ExpectStatic,
  name: string,
  session: Session,
  transcript: string,
  pcap?: string,
) {
  const file = `examples/sessions/${name}.txt`;
  const path = join(root, file);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (before === undefined && process.env.CI)
    throw new Error(
      `${file} does not exist: run \`npm run sessions:update\`, read the file it writes, and commit it`,
    );
  try {
    await expect(transcript).toMatchFileSnapshot(path);
  } catch (err) {
    (err as Error).message =
      `${file} differs from a fresh run of examples/sessions/${name}.session.ts. If the change ` +
      `is meant, run \`npm run sessions:update\`, read \`git diff examples/sessions/\` and commit ` +
      `it. Below, - is the file and + this run.\n${(err as Error).message}`;
    throw err;
  }
  // A snapshot that passed is this run's transcript: vitest writes a new or updated one when the
  // test file ends, after the stamp below is taken, so it is written here first (the same text).
  if (before !== transcript) writeFileSync(path, transcript);
  if (before === undefined)
    console.log(`${file} is new, written from this run: read it, then commit it`);
  else if (before !== transcript)
    console.log(`${file} was rewritten from this run: read \`git diff ${file}\`, then commit it`);
  // What the page shows is read back from the same file.
  expect(() => parseTranscript(transcript, session, file)).not.toThrow();
  if (!process.env.CI && recordRun(dir, name, session, pcap))
    console.log(
      `examples/sessions/${STAMPS} stamps ${name} with this run${pcap ? `, ${name}.pcap holds its packets` : ''}: commit it with ${file}`,
    );
}

/**
 * Where a session depends on timing: a line its golden file shows above a typed line or a ^C
 * that none of its waits makes sure of. The runner puts a typed line or a ^C below what the
 * program has printed so far (session-runner.ts, "waits"): a line that only the program's speed
 * put above it could come below it, or not at all, on a busy machine.
 */
export function unwaited(session: Session, golden: string, file: string): string[] {
  const problems: string[] = [];
  // For each terminal, its lines and how many of them are sure to be in place by now.
  const terminals = new Map(
    [...parseTranscript(golden, session, file)].map(([name, lines]) => [name, { lines, at: 0 }]),
  );
  const find = (name: string, from: number, test: (line: TerminalLine) => boolean) => {
    const { lines } = terminals.get(name)!;
    const i = lines.findIndex((line, j) => j >= from && test(line));
    return i < 0 ? lines.length : i;
  };
  const ended = (name: string) => {
    const t = terminals.get(name)!;
    t.at = find(name, t.at, (line) => line.kind === 'command');
  };
  const line = (name: string, text: string) => {
    const t = terminals.get(name)!;
    const i = find(name, t.at, (l) => l.kind === 'output' && l.text.includes(text));
    if (i === t.lines.length) problems.push(`"${name}" waits for "${text}", not in ${file} there`);
    t.at = i + 1;
  };
  const below = (name: string, what: string, test: (line: TerminalLine) => boolean) => {
    const t = terminals.get(name)!;
    const i = find(name, t.at, test);
    const above = t.lines.slice(t.at, i).map((l) => l.text);
    if (above.length)
      problems.push(`"${name}": nothing waits for ${JSON.stringify(above)} above ${what}`);
    t.at = i + 1;
  };
  const waits = (step: Step, where: 'here' | 'elsewhere' | 'anywhere') => {
    for (const wait of [step.waitFor ?? []].flat() as Wait[]) {
      const here = typeof wait === 'string' || typeof wait.exit === 'number';
      if (where === (here ? 'elsewhere' : 'here')) continue;
      if (typeof wait === 'string') line(step.in, wait);
      else if (typeof wait.exit === 'number') ended(step.in);
      else for (const [name, text] of Object.entries(wait)) line(name, text as string);
    }
  };
  const typed = (name: string, text: string) =>
    below(name, `the typed "${text.trimEnd()}"`, (l) => l.text === text.replace(/\r?\n$/, ''));
  for (const step of session.steps) {
    const name = step.in;
    const command = stepCommand(step);
    if (command) below(name, `"${command.text}"`, (l) => l.kind === 'command');
    if ('run' in step) ended(name);
    else if ('start' in step && step.type !== undefined) typed(name, step.type);
    else if ('start' in step && !command!.capture) {
      const t = terminals.get(name)!;
      t.at = find(name, t.at, (l) => LISTENING.test(`${l.text}\n`)) + 1;
    } else if ('type' in step && step.type !== undefined) typed(name, step.type);
    if ('interrupt' in step) {
      const capture = session.steps.some((s) => s.in === name && stepCommand(s)?.capture);
      if (!capture)
        waits(step, 'here'); // (a capture's ^C comes once all its packets are in)
      else
        terminals.get(name)!.at = find(
          name,
          terminals.get(name)!.at,
          (l) => l.kind === 'interrupt',
        );
      below(name, 'its ^C', (l) => l.kind === 'interrupt');
      ended(name);
      waits(step, 'elsewhere');
    } else waits(step, 'anywhere');
  }
  return problems;
}
