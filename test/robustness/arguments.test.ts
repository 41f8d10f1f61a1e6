// Every program against a bad command line: the usage and exit 2, no stack trace. Each run is a
// thread of this process (runInThread): a program reads its command line before it opens anything.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runInThread } from '../processes.ts';
import { NO_STACK, profiles } from './profiles.ts';

it('every example has a robustness profile', () => {
  const files = readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('sessions/') && !f.endsWith('/check.ts'))
    .map((f) => relative('.', f));
  const missing = files.filter((f) => !profiles[f]);
  expect(missing, 'add these to `profiles` in test/robustness/profiles.ts').toEqual([]);
  for (const file of Object.keys(profiles))
    expect(existsSync(join(root, 'examples', file)), file).toBe(true);
});

describe.concurrent.each(Object.entries(profiles))('%s', (file, profile) => {
  it.for([['--port', 'abc'], ['--port', '-1'], ['--port', '65536'], ['--bogus']])(
    'rejects %s with a usage message, exit 2',
    async (bad, { expect }) => {
      // In a thread: the command line is read before anything opens (see runInThread).
      const r = await runInThread(file, [...(profile.args ?? []), ...bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage:/i);
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});
