// Every program's command line: --help prints the usage (exit 0); a mistake prints what is wrong
// and the usage on stderr (exit 2), no stack trace. Two threads walk every program's command
// lines (commandLines): a program reads its command line before it opens anything.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLines, root } from '../processes.ts';
import { NO_STACK, profiles } from './profiles.ts';

/** Mistakes every program refuses, after the arguments its profile gives it. */
const MISTAKES = [['--port', 'abc'], ['--port', '-1'], ['--port', '65536'], ['--bogus']];

it('every example has a robustness profile', () => {
  const files = readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('sessions/') && !f.endsWith('/check.ts'))
    .map((f) => relative('.', f));
  const missing = files.filter((f) => !profiles[f]);
  expect(missing, 'add these to `profiles` in test/robustness/profiles.ts').toEqual([]);
  for (const file of Object.keys(profiles))
    expect(existsSync(join(root, 'examples', file)), file).toBe(true);
});

/** Each program's command lines: --help, then its mistakes. */
const lines = Object.fromEntries(
  Object.entries(profiles).map(([file, profile]) => [
    file,
    [
      ['--help'],
      ...MISTAKES.map((bad) => [...(profile.args ?? []), ...bad]),
      ...(profile.usage ?? []),
    ],
  ]),
);
let walk: ReturnType<typeof commandLines> | undefined; // one walk of every program, for all the tests

describe.concurrent.each(Object.entries(profiles))('%s', (file) => {
  const mistakes = lines[file].slice(1);
  const answer = async (line: number) => (await (walk ??= commandLines(lines)))[file][line];

  it('answers --help with its usage line, exit 0', async ({ expect }) => {
    const help = await answer(0);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    // (An exercise names the file that runs: here, a stripped copy.)
    expect(help.stdout).toMatch(/^usage: npx tsx \S+/);
    if (!file.startsWith('exercises/'))
      expect(help.stdout).toContain(`usage: npx tsx examples/${file}`);
  });

  it.for(mistakes.map((line, i) => [line.join(' ') || '(nothing)', i + 1] as const))(
    'rejects %s: what is wrong, then the usage, exit 2',
    async ([, line], { expect }) => {
      const r = await answer(line);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^\S[^]*\nusage: npx tsx \S+[^\n]*\n$/); // a reason, then the usage
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});
