// The lesson "How Node calls you" (basics/node-events): examples/node-events.ts, run as a real
// process over loopback. Its lines are numbered in the order things happened; the lesson's point
// is that order, so the test asserts it, and that the program ends by itself once nothing is left.
import { createServer, type AddressInfo } from 'node:net';
import { describe, it } from 'vitest';
import { finish, oneLineWith, runExample } from './processes.ts';

const NO_STACK = /^\s+at /m;

describe.concurrent('node-events.ts', () => {
  it('prints its seven steps in the order they happened, and ends by itself, exit 0', async ({
    expect,
  }) => {
    const r = await finish(runExample('node-events.ts', ['--port', '0']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // A call returns before what it asked for happens: 1 before 2, 3 before 4, 6 before 7.
    expect(lines.map((line) => line.split('.')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const server = /^2\. await once\(server, 'listening'\): listening on 127\.0\.0\.1:(\d+)$/.exec(
      lines[1],
    );
    const client = /^4\. listener: 'connection', a client from 127\.0\.0\.1:(\d+)$/.exec(lines[3]);
    expect(server).not.toBeNull();
    expect(client).not.toBeNull();
    expect(Number(server![1])).toBeGreaterThan(0);
    expect(client![1]).not.toBe(server![1]); // the client has a port of its own
    expect(lines[4]).toBe('5. for await: the client read "hello\\n", then the end');
    expect(lines[6]).toMatch(/^7\. callback: the server is closed/);
  });

  it('works on the IPv6 loopback, with the address in brackets', async ({ expect }) => {
    const r = await finish(runExample('node-events.ts', ['--host', '::1', '--port', '0']));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2\. .* listening on \[::1\]:\d+$/m);
    expect(r.stdout).toMatch(/^4\. .* a client from \[::1\]:\d+$/m);
  });

  it('ends in one line when the port is taken: the promise of await once fails (EADDRINUSE), exit 1', async ({
    expect,
  }) => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const r = await finish(runExample('node-events.ts', ['--port', String(port)]));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('1. listen() returned: nothing is listening yet\n');
      expect(r.stderr).toMatch(oneLineWith('EADDRINUSE'));
      expect(r.stderr).not.toMatch(NO_STACK);
    } finally {
      taken.close();
    }
  });
});
