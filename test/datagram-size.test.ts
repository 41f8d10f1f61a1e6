// The datagram-size lesson: the largest payload on IPv4 and IPv6, EMSGSIZE one
// byte above it, Node delivering whole datagrams where recvfrom() truncates.
import { createSocket } from 'node:dgram';
import { describe, it } from 'vitest';
import { finish, has, run, runExample } from './processes.ts';


const NO_STACK = /^\s+at /m;

describe.concurrent('datagram-size.ts', () => {
  it('delivers 65507 bytes on udp4 and 65527 on udp6, and refuses one byte more (EMSGSIZE)', async ({ expect }) => {
    const r = await finish(runExample('datagram-size.ts'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'udp4 65507 bytes: delivered (65507 bytes arrived)',
        'udp4 65508 bytes: EMSGSIZE, the datagram was not sent',
        'udp6 65527 bytes: delivered (65527 bytes arrived)',
        'udp6 65528 bytes: EMSGSIZE, the datagram was not sent',
        '',
      ].join('\n'),
    );
  });

  it('tries the sizes it is given on both families: IPv6 takes 20 bytes more', async ({ expect }) => {
    const r = await finish(runExample('datagram-size.ts', ['0', '1472', '65508', '70000']));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'udp4 0 bytes: delivered (0 bytes arrived)',
      'udp4 1472 bytes: delivered (1472 bytes arrived)',
      'udp4 65508 bytes: EMSGSIZE, the datagram was not sent',
      'udp4 70000 bytes: EMSGSIZE, the datagram was not sent',
      'udp6 0 bytes: delivered (0 bytes arrived)',
      'udp6 1472 bytes: delivered (1472 bytes arrived)',
      'udp6 65508 bytes: delivered (65508 bytes arrived)',
      'udp6 70000 bytes: EMSGSIZE, the datagram was not sent',
      '',
    ]);
  });

  it('says in one line that its --port is taken (EADDRINUSE), exit 1', async ({ expect }) => {
    const holder = createSocket('udp4');
    await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', () => resolve()));
    try {
      const port = holder.address().port;
      const r = await finish(runExample('datagram-size.ts', ['--port', String(port)]));
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`cannot bind 127.0.0.1:${port}: the port is already in use (EADDRINUSE)\n`);
    } finally {
      holder.close();
    }
  });

  it.for([['abc'], ['-1'], ['1000001'], ['--port', '70000'], ['--bogus']])(
    'rejects %s with the usage line, exit 2',
    async (args, { expect }) => {
      const r = await finish(runExample('datagram-size.ts', args));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: npx tsx examples/datagram-size.ts');
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});

describe.concurrent('a datagram larger than the reader asks for', () => {
  it('arrives whole in Node: one message event with every byte', async ({ expect }) => {
    const receiver = createSocket('udp4');
    const sender = createSocket('udp4');
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', () => resolve()));
    try {
      const got = new Promise<Buffer>((resolve) => receiver.once('message', resolve));
      sender.send(Buffer.alloc(3000, 'x'), receiver.address().port, '127.0.0.1');
      expect((await got).length).toBe(3000);
    } finally {
      sender.close();
      receiver.close();
    }
  });

  it.runIf(has('python3'))("is cut short, silently, by Python's recvfrom(2048)", async ({ expect }) => {
    const script =
      "from socket import *; s = socket(AF_INET, SOCK_DGRAM); s.bind(('127.0.0.1', 0)); " +
      "s.sendto(b'x' * 3000, s.getsockname()); print('got', len(s.recvfrom(2048)[0]), 'of 3000 bytes')";
    const r = await finish(run('python3', ['-c', script]));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('got 2048 of 3000 bytes\n');
    expect(r.stderr).toBe('');
  });
});

describe.concurrent('the command exactly as the lesson shows it (npx tsx)', () => {
  it('npx tsx examples/datagram-size.ts 65508', async ({ expect }) => {
    const r = await finish(run('npx', ['tsx', 'examples/datagram-size.ts', '65508']), 15_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('udp4 65508 bytes: EMSGSIZE, the datagram was not sent');
    expect(r.stdout).toContain('udp6 65508 bytes: delivered (65508 bytes arrived)');
  });
});
