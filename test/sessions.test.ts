// Every terminal session shown in a lesson, run for real and compared with its golden file.
// `npm run sessions:update` rewrites the golden files after a deliberate change.
// (Sessions that capture packets run apart, after everything else: test/capture-sessions.test.ts.)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturesPackets } from '../src/lib/command.ts';
import { missingTools, runSession } from '../src/lib/session-runner.ts';
import type { Session } from '../src/lib/session.ts';
import { STAMPS, stampProblems } from '../src/lib/stamp.ts';
import { root } from './processes.ts';
import { dir, load, matchGolden, names, unwaited } from './sessions.ts';

const sessions = await Promise.all(
  names.map(async (name) => ({ name, session: await load(name) })),
);

describe.concurrent('terminal sessions match a fresh run', () => {
  it.for(sessions.filter(({ session }) => !capturesPackets(session)).map(({ name }) => name))(
    '%s',
    async (name, { expect, skip }) => {
      const session = await load(name);
      // A transcript that depends on the machine is checked where the machine matches its recording.
      const differs = await session.machine?.();
      if (differs) return skip(differs);
      // A session that runs nc, lsof, ss… needs them installed; CI installs them (.ci/run).
      const missing = missingTools(session);
      if (missing.length && !process.env.CI) return skip(`needs ${missing.join(', ')}`);
      await matchGolden(expect, name, session, await runSession(session, { root }));
    },
  );
});

describe('sessions that do not depend on timing', () => {
  it('every line above a typed line or a ^C is one that a step waits for', async () => {
    const problems: string[] = [];
    for (const { name, session } of sessions) {
      const golden = readFileSync(join(dir, `${name}.txt`), 'utf8');
      problems.push(...unwaited(session, golden, `${name}.txt`).map((p) => `${name}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('would see a wait that is missing', async () => {
    const session = await load('closing-leave');
    const golden = readFileSync(join(dir, 'closing-leave.txt'), 'utf8');
    const steps = session.steps.map((step) => ({ ...step, waitFor: undefined }));
    expect(unwaited({ ...session, steps }, golden, 'closing-leave.txt')).toEqual([
      `"server": nothing waits for ${JSON.stringify(golden.split('\n').slice(3, 12))} above its ^C`,
    ]);
  });
});

describe('the stamps: what produced each golden file (src/lib/stamp.ts)', () => {
  it('every golden file is the one its stamp names', () => {
    const plain = sessions.filter(({ session }) => !capturesPackets(session));
    expect(
      stampProblems(
        dir,
        plain.map(({ name }) => name),
      ),
    ).toEqual([]);
  });

  it('a golden file changed without a run fails its stamp', () => {
    const copy = mkdtempSync(join(tmpdir(), 'stamp-'));
    try {
      for (const file of ['udp-echo.txt', STAMPS]) cpSync(join(dir, file), join(copy, file));
      expect(stampProblems(copy, ['udp-echo'])).toEqual([]);
      const golden = join(copy, 'udp-echo.txt');
      writeFileSync(golden, readFileSync(golden, 'utf8').replace('olá, mundo', 'olá, mundo!'));
      expect(stampProblems(copy, ['udp-echo'])).toEqual([
        expect.stringMatching(/^udp-echo\.txt is not the file its stamp in verified\.json names/),
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('a drifted transcript fails', () => {
  it('changing what an example prints, without refreshing its golden file, changes the transcript', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'drift-'));
    try {
      cpSync(join(root, 'examples'), join(copy, 'examples'), { recursive: true });
      const server = join(copy, 'examples/udp-server.ts');
      writeFileSync(
        server,
        readFileSync(server, 'utf8').replace('bytes from ${from}', 'bytes received from ${from}'),
      );
      const transcript = await runSession(await load('udp-echo'), { root: copy });
      const golden = readFileSync(join(dir, 'udp-echo.txt'), 'utf8');
      expect(golden).toContain('11 bytes from 127.0.0.1:⟨50001⟩');
      expect(transcript).toContain('11 bytes received from 127.0.0.1:⟨50001⟩');
      expect(transcript).not.toBe(golden); // so toMatchFileSnapshot above would fail
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('a drifted lab transcript fails', () => {
  it('changing what the server on the laptop prints changes the transcript, prompts and addresses kept', async ({
    skip,
  }) => {
    const session = await load('hosts-everywhere');
    const missing = missingTools(session);
    if (missing.length && !process.env.CI) return skip(`needs ${missing.join(', ')}`);
    const copy = mkdtempSync(join(tmpdir(), 'drift-'));
    try {
      cpSync(join(root, 'examples'), join(copy, 'examples'), { recursive: true });
      const server = join(copy, 'examples/tcp-server.ts');
      const source = readFileSync(server, 'utf8');
      const changed = source.replace('`connection ${name}`', '`accepted ${name}`');
      expect(changed).not.toBe(source); // the change applies
      writeFileSync(server, changed);
      const transcript = await runSession(session, { root: copy });
      const golden = readFileSync(join(dir, 'hosts-everywhere.txt'), 'utf8');
      const line = '192.168.0.20:⟨50001⟩ -> 192.168.0.10:12000';
      expect(golden).toContain(`laptop$ npx tsx examples/tcp-server.ts --host 0.0.0.0\n`);
      expect(golden).toContain(`\nconnection ${line}\n`);
      expect(transcript).toContain(`\naccepted ${line}\n`);
      expect(transcript).not.toBe(golden); // so toMatchFileSnapshot above would fail
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the session runner', () => {
  it('refuse to let a command fall back to a fixed port', async () => {
    const session: Session = {
      port: 12000,
      steps: [{ in: 'client', run: 'npx tsx examples/udp-client.ts hi' }],
    };
    await expect(runSession(session, { root })).rejects.toThrow('no server listens on 12000 yet');
  });
});
