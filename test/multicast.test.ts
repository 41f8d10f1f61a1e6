// Going further in "UDP echo" (udp/echo): examples/multicast.ts, run as a real process. Its
// receivers join a group on the loopback and its sender's one datagram reaches every one of them.
import { createSocket } from 'node:dgram';
import { describe, it } from 'vitest';
import { finish, oneLineWith, runExample } from './processes.ts';

describe.concurrent('multicast.ts', () => {
  it('delivers one datagram, sent once, to every receiver that joined the group, exit 0', async ({
    expect,
  }) => {
    const r = await finish(runExample('multicast.ts', ['--port', '0']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('3 receivers joined the group 239.255.0.1 on 127.0.0.1, all on one port');
    const sent = /^sent 1 datagram from 127\.0\.0\.1:(\d+) to the group$/.exec(lines[1]);
    expect(sent).not.toBeNull();
    // Each receiver got the same datagram, from the sender's one port.
    expect(lines.slice(2)).toEqual(
      [1, 2, 3].map((n) => `receiver ${n} got "hello, group" from 127.0.0.1:${sent![1]}`),
    );
  });

  it('reaches as many receivers as it is given, in another group too', async ({ expect }) => {
    const r = await finish(
      runExample('multicast.ts', ['--port', '0', '--receivers', '5', '--group', '239.255.7.7']),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 receivers joined the group 239.255.7.7');
    expect(r.stdout.match(/^receiver \d got "hello, group"/gm)).toHaveLength(5);
  });

  it('says in one line that the group’s port is taken by a socket that shares nothing (EADDRINUSE), exit 1', async ({
    expect,
  }) => {
    const taken = createSocket('udp4'); // no reuseAddr: nobody else may bind this address and port
    await new Promise<void>((resolve) => taken.bind(0, '239.255.0.1', resolve));
    try {
      const r = await finish(runExample('multicast.ts', ['--port', String(taken.address().port)]));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(oneLineWith('EADDRINUSE'));
    } finally {
      taken.close();
    }
  });
});
