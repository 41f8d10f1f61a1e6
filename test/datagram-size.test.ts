// The datagram-size lesson: the largest payload on IPv4 and IPv6, EMSGSIZE one
// byte above it, Node delivering whole datagrams where recvfrom() truncates, and
// udp6 datagrams over 65,488 bytes fragmented even on loopback.
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { finish, has, oneLineWith, run, runExample, runWithoutProc } from './processes.ts';

describe.concurrent('datagram-size.ts', () => {
  it('delivers 65507 bytes on udp4 and 65527 on udp6, and refuses one byte more (EMSGSIZE)', async ({
    expect,
  }) => {
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

  it('tries the sizes it is given on both families: IPv6 takes 20 bytes more', async ({
    expect,
  }) => {
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

  it.runIf(has('python3'))(
    "is cut short, silently, by Python's recvfrom(2048)",
    async ({ expect }) => {
      const script =
        "from socket import *; s = socket(AF_INET, SOCK_DGRAM); s.bind(('127.0.0.1', 0)); " +
        "s.sendto(b'x' * 3000, s.getsockname()); print('got', len(s.recvfrom(2048)[0]), 'of 3000 bytes')";
      const r = await finish(run('python3', ['-c', script]));
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('got 2048 of 3000 bytes\n');
      expect(r.stderr).toBe('');
    },
  );
});

/** Ip6FragCreates: how many IPv6 fragments this machine has made (Linux). */
const fragmentsMade = () =>
  Number(/^Ip6FragCreates\s+(\d+)$/m.exec(readFileSync('/proc/net/snmp6', 'utf8'))![1]);

describe
  .runIf(existsSync('/proc/net/snmp6'))
  .concurrent('fragments.ts: udp6 fragments even on loopback', () => {
    it('sends 65488 bytes in one packet, and 65489 or 65527 in two fragments (lo: MTU 65536 = 40 + 8 + 65488)', async ({
      expect,
    }) => {
      const r = await finish(runExample('fragments.ts'));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')).toEqual([
        "lo's MTU is 65536 bytes: one IPv6 packet holds at most 65536 - 40 - 8 = 65488 bytes of UDP data",
        'udp6 65488 bytes: sent in one packet (Ip6FragCreates +0), arrived whole',
        'udp6 65489 bytes: sent in 2 fragments (Ip6FragCreates +2), arrived whole',
        'udp6 65527 bytes: sent in 2 fragments (Ip6FragCreates +2), arrived whole',
        '',
      ]);
    });

    it('the claim itself, without the program: one 65527-byte datagram to ::1 makes the kernel fragment', async ({
      expect,
    }) => {
      // Another test may fragment at the same moment: the counter can only grow more, never less.
      const socket = createSocket('udp6');
      try {
        await new Promise<void>((resolve) => socket.bind(0, '::1', resolve));
        const before = fragmentsMade();
        const arrived = new Promise<Buffer>((resolve) => socket.once('message', resolve));
        socket.send(Buffer.alloc(65_527), socket.address().port, '::1');
        expect((await arrived).length).toBe(65_527);
        expect(fragmentsMade() - before).toBeGreaterThanOrEqual(2);
      } finally {
        socket.close();
      }
    });

    it('udp4 never fragments on lo: its largest datagram, 20 + 8 + 65507, is one byte under the MTU', async ({
      expect,
    }) => {
      expect(20 + 8 + 65_507).toBeLessThan(Number(readFileSync('/sys/class/net/lo/mtu', 'utf8')));
    });

    it('says in one line that it needs Linux where there is no /proc/net/snmp6, exit 1', async ({
      expect,
    }) => {
      const r = await finish(runWithoutProc('fragments.ts'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(oneLineWith('ENOENT'));
      expect(r.stderr).toContain('/proc/net/snmp6');
    });
  });
