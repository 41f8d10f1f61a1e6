// The two Python programs the lessons compare Node with (examples/blocking-server.py, one client at
// a time; examples/no-accept.py, a listener that never accepts): the same treatment as the course's
// own servers. A mistake in the command line: the usage, exit 2; a port in use: one line, exit 1;
// SIGINT and SIGTERM: exit 0 at once, also while the blocking server is busy with a client.
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, it } from 'vitest';
import { listeningPort } from '../../src/lib/processes.ts';
import { PATIENCE_MS, finish, has, run } from '../processes.ts';

const programs = [
  {
    file: 'blocking-server.py',
    port: (port: string) => [port],
    mistakes: [['abc'], ['-1'], ['65536'], ['--port']],
    usage: /^usage: python3 examples\/blocking-server\.py/,
  },
  {
    file: 'no-accept.py',
    port: (port: string) => ['--port', port],
    mistakes: [['--port', 'abc'], ['--port', '-1'], ['--port', '65536'], ['--bogus']],
    usage: /^usage: no-accept\.py/,
  },
];

describe.runIf(has('python3')).concurrent.each(programs)(
  '$file',
  ({ file, port, mistakes, usage }) => {
    const python = (args: string[]) => run('python3', [`examples/${file}`, ...args]);
    const start = async () => {
      const server = python(port('0'));
      return Object.assign(server, { port: await listeningPort(server) });
    };

    it.for(mistakes.map((args) => [args.join(' '), args] as const))(
      'rejects %s with its usage, exit 2',
      async ([, args], { expect }) => {
        const r = await finish(python(args));
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(usage);
        expect(r.stderr).not.toMatch(/Traceback/);
      },
    );

    it('says in one line that its port is in use (EADDRINUSE), exit 1', async ({ expect }) => {
      const first = await start();
      const second = await finish(python(port(String(first.port))));
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `cannot listen on 127.0.0.1:${first.port}: Address already in use (EADDRINUSE)\n`,
      );
    });

    it('stops with exit code 0 on SIGINT and on SIGTERM, a client connected and waiting, without waiting for it', async ({
      expect,
    }) => {
      const stops = (['SIGINT', 'SIGTERM'] as const).map(async (signal) => {
        const server = await start();
        // A client that connects and says nothing: the blocking server waits in recv() for it,
        // and for ever unless the signal ends that wait (stop() fails after PATIENCE_MS).
        const client = connect(server.port, '127.0.0.1').on('error', () => {});
        await once(client, 'connect');
        const code = await server.stop(signal, PATIENCE_MS);
        client.destroy();
        return { code, stderr: server.stderr() };
      });
      expect(await Promise.all(stops)).toEqual([
        { code: 0, stderr: '' },
        { code: 0, stderr: '' },
      ]);
    });
  },
);
