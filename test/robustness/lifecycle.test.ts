// Every server stops cleanly on SIGINT and SIGTERM and says in one line when its port is taken
// or needs rights; every client says in one line that nobody listens.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { freePort, typescript } from '../../src/lib/processes.ts';
import { finish, run, runExample, runInThread, startServer } from '../processes.ts';
import { NO_STACK, oneLine, profiles, unprivilegedStart } from './profiles.ts';

describe.concurrent.each(Object.entries(profiles).filter(([, p]) => p.kind !== 'tool'))(
  '%s',
  (file, profile) => {
    if (profile.kind === 'server') {
      it('stops with exit code 0 within 1 s on SIGINT and on SIGTERM', async ({ expect }) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          const server = await startServer(file, profile.args);
          const started = Date.now();
          server.child.kill(signal);
          const { code, stderr } = await finish(server, 3000);
          expect(code).toBe(0);
          expect(stderr).not.toMatch(NO_STACK);
          expect(Date.now() - started).toBeLessThan(1000);
        }
      });

      it('says in one line that the port is taken (EADDRINUSE), exit 1', async ({ expect }) => {
        const first = await startServer(file, profile.args);
        // The second one in a thread of this process: it fails at its bind, before anything else.
        const second = await runInThread(file, [
          ...(profile.args ?? []),
          '--port',
          String(first.port),
        ]);
        expect(second.code).toBe(1);
        expect(oneLine(second.stderr)).toBe(true);
        expect(second.stderr).toMatch(/EADDRINUSE|in use/);
      });

      if (process.getuid?.() !== 0 || existsSync('/usr/bin/setpriv'))
        it('says in one line that a privileged port needs rights (EACCES), exit 1', async ({
          expect,
          skip,
        }) => {
          if (unprivilegedStart <= 1) return skip('this kernel lets anyone bind any port');
          const port = String(
            1 + Math.floor(Math.random() * Math.min(unprivilegedStart - 1, 1023)),
          );
          const argv = typescript(`examples/${file}`, [...(profile.args ?? []), '--port', port]);
          const nobody =
            process.getuid?.() === 0
              ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']
              : [];
          const [cmd, ...args] = [...nobody, ...argv];
          const r = await finish(run(cmd, args));
          expect(r.code).toBe(1);
          expect(oneLine(r.stderr)).toBe(true);
          expect(r.stderr).toMatch(/EACCES/);
        });
    }

    if (profile.kind === 'client') {
      it('with nobody listening: one line, exit 1, promptly', async ({ expect }) => {
        const port = await freePort();
        const started = Date.now();
        const r = await finish(
          runExample(file, [...(profile.args ?? []), '--port', String(port)]),
          8000,
        );
        expect(r.code).toBe(1);
        expect(oneLine(r.stderr)).toBe(true);
        expect(r.stderr).not.toMatch(NO_STACK);
        if (profile.probe !== 'udp') expect(r.stderr).toMatch(/ECONNREFUSED|refused/i);
        expect(Date.now() - started).toBeLessThan(5000);
      });
    }
  },
);
