// Every server stops cleanly on SIGINT and SIGTERM, a client connected or not, and says in one
// line when its port is taken or needs rights; every tool that binds its --port says so too; every
// client says in one line that nobody listens.
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { describe, it } from 'vitest';
import { freePort } from '../../src/lib/processes.ts';
import { slack } from '../../src/lib/slack.ts';
import {
  PATIENCE_MS,
  exampleArgv,
  finish,
  run,
  runExample,
  runInThread,
  startServer,
} from '../processes.ts';
import { NO_STACK, oneLine, profiles, type Profile, unprivilegedStart } from './profiles.ts';

/** The servers, and the tools that some arguments make servers (many-connections.ts --hold). */
const servers = Object.entries(profiles).flatMap(([file, p]): [string, Profile][] =>
  p.kind === 'server'
    ? [[file, p]]
    : p.serves
      ? [[`${file} ${p.serves.join(' ')}`, { ...p, args: [...(p.args ?? []), ...p.serves] }]]
      : [],
);
const fileOf = (name: string) => name.split(' ')[0];

describe.concurrent.each(servers)('%s', (name, profile) => {
  const file = fileOf(name);

  it('stops with exit code 0 on SIGINT and on SIGTERM without waiting for a connected client to leave; a second one on its port says EADDRINUSE in one line, exit 1', async ({
    expect,
  }) => {
    // No idle timer of its own may end the connection first (the longest one it accepts).
    const args = [...(profile.args ?? []), ...(profile.idle ? [profile.idle, '9999999'] : [])];
    const [first, other] = await Promise.all([startServer(file, args), startServer(file, args)]);
    // The second one in a thread of this process: it fails at its bind, before anything else.
    const second = await runInThread(file, [...args, '--port', String(first.port)]);
    expect(second.code).toBe(1);
    expect(oneLine(second.stderr)).toBe(true);
    expect(second.stderr).toMatch(/EADDRINUSE|in use/);

    const stops = [first, other].map(async (server, i) => {
      // A connected client that never leaves must not keep a server from ending (server.close()
      // alone would wait for it forever): a server that ends at all did not wait. (stop() fails
      // if the program has not ended within that limit of the signal.)
      if (!['udp', 'dns'].includes(profile.probe!)) {
        const client = connect(server.port, '127.0.0.1').on('error', () => {});
        await once(client, 'connect');
      }
      const code = await server.stop(i ? 'SIGTERM' : 'SIGINT', PATIENCE_MS);
      return { code, stack: NO_STACK.test(server.stderr()) };
    });
    expect(await Promise.all(stops)).toEqual([
      { code: 0, stack: false },
      { code: 0, stack: false },
    ]);
  });

  if (profile.kind === 'server' && (process.getuid?.() !== 0 || existsSync('/usr/bin/setpriv')))
    it('says in one line that a privileged port needs rights (EACCES), exit 1', async ({
      expect,
      skip,
    }) => {
      if (unprivilegedStart <= 1) return skip('this kernel lets anyone bind any port');
      const port = String(1 + Math.floor(Math.random() * Math.min(unprivilegedStart - 1, 1023)));
      const argv = exampleArgv(file, [...(profile.args ?? []), '--port', port]);
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
});

describe.concurrent.each(Object.entries(profiles).filter(([, p]) => p.binds))(
  '%s',
  (file, profile) => {
    it(`says in one line that its --port is taken (EADDRINUSE, ${profile.binds}), exit 1`, async ({
      expect,
    }) => {
      const { port, release } = await take(profile.binds!);
      try {
        const r = await runInThread(file, [...(profile.args ?? []), '--port', String(port)]);
        expect(r.code).toBe(1);
        expect(oneLine(r.stderr)).toBe(true);
        expect(r.stderr).toMatch(/EADDRINUSE/);
      } finally {
        await release();
      }
    });
  },
);

describe.concurrent.each(Object.entries(profiles).filter(([, p]) => p.kind === 'client'))(
  '%s',
  (file, profile) => {
    it('with nobody listening: one line, exit 1, promptly', async ({ expect }) => {
      const port = await freePort();
      // It ends on its own error (or its own timeout) within the limit, or it is killed (137).
      const args = [...(profile.args ?? []), '--port', String(port)];
      const r = await finish(runExample(file, args), slack(5000));
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).not.toMatch(NO_STACK);
      if (profile.probe !== 'udp') expect(r.stderr).toMatch(/ECONNREFUSED|refused/i);
    });
  },
);

/** A port on loopback held by this process (TCP, or UDP on 127.0.0.1 or ::1) until `release`. */
async function take(what: 'tcp' | 'udp4' | 'udp6') {
  if (what === 'tcp') {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    return { port, release: () => new Promise<void>((r) => server.close(() => r())) };
  }
  const socket = createSocket(what);
  socket.bind(0, what === 'udp4' ? '127.0.0.1' : '::1');
  await once(socket, 'listening');
  return { port: socket.address().port, release: () => new Promise<void>((r) => socket.close(r)) };
}
