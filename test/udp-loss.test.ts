// The loss-and-retries lesson: a server that loses datagrams on purpose (never at
// random), a client that retries with exponential backoff, connected UDP, and what
// the UDP checksum lets through.
import { createSocket, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'vitest';
import { finish, has, oneLineWith, run, runExample, startServer, until } from './processes.ts';
import { freePort } from '../src/lib/processes.ts';

const NO_STACK = /^\s+at /m;
const bind = (socket: Socket, host = '127.0.0.1') =>
  new Promise<number>((resolve) => socket.bind(0, host, () => resolve(socket.address().port)));

describe.concurrent('udp-lossy-server.ts with udp-retry-client.ts', () => {
  it('loses the first N datagrams, logging each; the client gets its reply on attempt N+1', async ({
    expect,
  }) => {
    const server = await startServer('udp-lossy-server.ts', ['--drop', '2']);
    const port = String(server.port);
    const r = await finish(
      runExample('udp-retry-client.ts', ['--port', port, '--timeout', '150', 'ping']),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `attempt 1 of 4: sending 4 bytes to 127.0.0.1:${port}, waiting up to 150 ms`,
      `attempt 2 of 4: sending 4 bytes to 127.0.0.1:${port}, waiting up to 300 ms`,
      `attempt 3 of 4: sending 4 bytes to 127.0.0.1:${port}, waiting up to 600 ms`,
    ]);
    // On attempt 3, unless this machine is so busy that the echo took longer than 600 ms.
    expect(r.stdout).toMatch(/\nreceived 4 bytes back on attempt [34]: ping\n$/);
    await until(() => server.stdout().includes('#3 '), 2000, 'the third log line');
    expect(server.stdout()).toMatch(
      /^#1 from 127\.0\.0\.1:\d+: "ping", dropped on purpose\n#2 from 127\.0\.0\.1:\d+: "ping", dropped on purpose\n#3 from 127\.0\.0\.1:\d+: "ping", echoed$/m,
    );
    // Every attempt came from the same socket, so from the same port.
    expect(new Set(server.stdout().match(/127\.0\.0\.1:\d+/g)).size).toBe(2); // the server's own + the client's

    // The losses are spent: the next request is answered at once.
    const next = await finish(runExample('udp-retry-client.ts', ['--port', port, 'pong']));
    expect(next.stdout).toContain('received 4 bytes back on attempt 1: pong');
  });

  it('with --drop-replies, handles a request, loses the reply, and handles the retry again', async ({
    expect,
  }) => {
    const server = await startServer('udp-lossy-server.ts', ['--drop', '0', '--drop-replies', '1']);
    const r = await finish(
      runExample('udp-retry-client.ts', [
        '--port',
        String(server.port),
        '--timeout',
        '150',
        'deposit 10',
      ]),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/received 10 bytes back on attempt [23]: deposit 10\n$/);
    await until(() => server.stdout().includes('#2 '), 2000, 'the second log line');
    expect(server.stdout()).toMatch(
      /^#1 from .*: "deposit 10", handled, but the reply is dropped on purpose\n#2 from .*: "deposit 10", echoed$/m,
    );
  });

  it('echoes empty and binary datagrams once its losses are spent, without crashing; SIGTERM stops it, exit 0', async ({
    expect,
  }) => {
    const server = await startServer('udp-lossy-server.ts', ['--drop', '1']);
    const socket = createSocket('udp4');
    try {
      const replies: Buffer[] = [];
      socket.on('message', (m) => replies.push(m));
      for (const payload of [
        Buffer.from('lost'),
        Buffer.alloc(0),
        Buffer.from([0xff, 0x00, 0xfe]),
      ]) {
        socket.send(payload, server.port, '127.0.0.1');
        await sleep(30);
      }
      await until(() => replies.length === 2, 2000, 'two echoes');
      expect(replies.map((r) => r.toString('hex'))).toEqual(['', 'ff00fe']);
      expect(server.stdout()).toContain('"lost", dropped on purpose');
      expect(server.stdout()).toContain(': "�\\u0000�", echoed'); // bytes that are not UTF-8 show as �
      server.child.kill('SIGTERM'); // a polite kill: the server closes its socket and exits 0
      expect((await finish(server, 3000)).code).toBe(0);
    } finally {
      socket.close();
    }
  });

  it('the client gives up after its last attempt, exit 1 and one line; the waits double', async ({
    expect,
  }) => {
    const port = await freePort();
    const started = Date.now();
    const r = await finish(
      runExample('udp-retry-client.ts', [
        '--port',
        String(port),
        '--timeout',
        '40',
        '--retries',
        '2',
        'ping',
      ]),
    );
    const elapsed = Date.now() - started;
    expect(r.code).toBe(1);
    expect(r.stdout.match(/waiting up to \d+ ms/g)).toEqual([
      'waiting up to 40 ms',
      'waiting up to 80 ms',
      'waiting up to 160 ms',
    ]);
    expect(r.stderr).toBe(
      `no reply from 127.0.0.1:${port} after 3 attempts (is a server running there?)\n`,
    );
    expect(elapsed).toBeGreaterThanOrEqual(280); // 40 + 80 + 160 ms of silence, at least
  });

  it('a connected client learns at once that nothing listens (ECONNREFUSED), exit 1', async ({
    expect,
  }) => {
    const port = await freePort();
    const started = Date.now();
    const r = await finish(
      runExample('udp-retry-client.ts', [
        '--port',
        String(port),
        '--timeout',
        '10000',
        '--connect',
        'ping',
      ]),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^connected to 127\\.0\\.0\\.1:${port} from 127\\.0\\.0\\.1:\\d+ \\(nothing sent yet\\)\\nattempt 1 of 4: `,
      ),
    );
    expect(r.stderr).toMatch(oneLineWith('ECONNREFUSED'));
    expect(r.stdout.match(/^attempt/gm)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(8000); // long before its first 10 s wait ends
  });

  it('a connected client still gets its reply from a server, over IPv6 too', async ({ expect }) => {
    const server = await startServer('udp-lossy-server.ts', ['--host', '::1', '--drop', '1']);
    expect(server.stdout()).toContain(`listening on ::1:${server.port}`);
    const r = await finish(
      runExample('udp-retry-client.ts', [
        '--host',
        '::1',
        '--port',
        String(server.port),
        '--timeout',
        '150',
        '--connect',
        'olá',
      ]),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`connected to ::1:${server.port} from ::1:`);
    expect(r.stdout).toMatch(/received 4 bytes back on attempt [23]: olá\n$/);
  });

  it('the server says in one line that the port is in use (EADDRINUSE), exit 1; Ctrl+C stops it, exit 0', async ({
    expect,
  }) => {
    const first = await startServer('udp-lossy-server.ts');
    const second = await finish(runExample('udp-lossy-server.ts', ['--port', String(first.port)]));
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(oneLineWith('EADDRINUSE'));
    first.child.kill('SIGINT');
    expect((await finish(first, 3000)).code).toBe(0);
  });

  it.for([
    ['udp-lossy-server.ts', '--drop-replies', '-1'],
    ['udp-retry-client.ts'],
    ['udp-retry-client.ts', '--retries', '11', 'x'],
  ])(
    '%s rejects bad arguments with the usage line, exit 2 (%s %s)',
    async ([file, ...args], { expect }) => {
      const r = await finish(runExample(file, args));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`usage: npx tsx examples/${file}`);
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});

describe.concurrent('connected UDP sockets, in Node itself', () => {
  it('connect() sends nothing, and filters out datagrams from anyone but the peer', async ({
    expect,
  }) => {
    const peer = createSocket('udp4');
    const stranger = createSocket('udp4');
    const client = createSocket('udp4');
    try {
      const peerPort = await bind(peer);
      const heardByPeer: Buffer[] = [];
      peer.on('message', (m) => heardByPeer.push(m));
      await new Promise<void>((resolve) => client.connect(peerPort, '127.0.0.1', () => resolve()));
      const heard: string[] = [];
      client.on('message', (m) => heard.push(m.toString()));
      const clientPort = client.address().port;

      stranger.send('from a stranger', clientPort, '127.0.0.1');
      peer.send('from the peer', clientPort, '127.0.0.1');
      await until(() => heard.length > 0, 2000, 'the peer datagram');
      await sleep(50);
      expect(heard).toEqual(['from the peer']);
      expect(heardByPeer).toEqual([]); // connecting sent nothing
    } finally {
      for (const s of [peer, stranger, client]) s.close();
    }
  });

  it('an unconnected socket is told nothing when it sends to a closed port', async ({ expect }) => {
    const port = await freePort();
    const socket = createSocket('udp4');
    try {
      const errors: Error[] = [];
      socket.on('error', (e) => errors.push(e));
      const sent = await new Promise<Error | null>((resolve) =>
        socket.send('hello?', port, '127.0.0.1', resolve),
      );
      await sleep(200);
      expect(sent).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      socket.close();
    }
  });
});

describe.concurrent('the commands exactly as the lesson shows them (npx tsx)', () => {
  it('npx tsx examples/udp-lossy-server.ts --drop 2 and examples/udp-retry-client.ts ping', async ({
    expect,
  }) => {
    const server = run('npx', [
      'tsx',
      'examples/udp-lossy-server.ts',
      '--drop',
      '2',
      '--port',
      '0',
    ]);
    await until(
      () => /listening on 127\.0\.0\.1:\d+\n/.test(server.stdout()),
      15_000,
      'npx tsx udp-lossy-server',
    );
    const port = /:(\d+)\n/.exec(server.stdout())![1];
    const client = await finish(
      run('npx', ['tsx', 'examples/udp-retry-client.ts', '--port', port, 'ping']),
      15_000,
    );
    expect(client.code).toBe(0);
    expect(client.stdout).toMatch(/received 4 bytes back on attempt [34]: ping\n$/);
    server.child.kill('SIGINT');
  });
});

describe.concurrent('checksum.ts: what the UDP checksum catches and what it lets through', () => {
  it('gives "pay 1234" and "pay 3412" the same checksum, and "pay 1235" another', async ({
    expect,
  }) => {
    // The program sends nothing, but the port is part of the sum: any port shows the same
    // relations (the values for 12000 are in the checksum session's golden file).
    const r = await finish(runExample('checksum.ts', ['--port', String(await freePort())]));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^"pay 1234"   checksum 0x[0-9a-f]{4}$/),
      expect.stringMatching(/^"pay 3412"   checksum 0x[0-9a-f]{4}   the same as "pay 1234"'s$/),
      expect.stringMatching(/^"pay 1235"   checksum 0x[0-9a-f]{4}   different$/),
      '',
    ]);
    const sums = lines.slice(0, 3).map((l) => /0x[0-9a-f]{4}/.exec(l)![0]);
    expect(sums[1]).toBe(sums[0]);
    expect(sums[2]).not.toBe(sums[0]);
  });

  it.runIf(has('python3'))(
    'computes what an independent implementation (Python, RFC 1071) computes',
    async ({ expect }) => {
      const messages = ['olá, mundo', 'x', '', 'pay 1234'];
      const r = await finish(runExample('checksum.ts', ['--port', '443', ...messages]));
      const ours = [...r.stdout.matchAll(/checksum 0x([0-9a-f]{4})/g)].map((m) => m[1]);
      const python = [
        'import socket, struct, sys',
        'for m in sys.argv[1:]:',
        '    data = m.encode(); n = 8 + len(data)',
        "    b = socket.inet_aton('127.0.0.1') * 2 + struct.pack('!BBH', 0, 17, n) + struct.pack('!HHHH', 50001, 443, n, 0) + data",
        "    b += b'\\0' * (len(b) % 2)",
        "    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))",
        '    while s >> 16: s = (s & 0xffff) + (s >> 16)',
        "    print('%04x' % ((~s & 0xffff) or 0xffff))",
      ].join('\n');
      const p = await finish(run('python3', ['-c', python, ...messages]));
      expect(p.code).toBe(0);
      expect(ours).toEqual(p.stdout.trim().split('\n'));
    },
  );

  it.for([['--port', 'abc'], ['--port', '0'], ['--bogus']].map((a) => [a.join(' '), a] as const))(
    'rejects "%s" with the usage line, exit 2',
    async ([, args], { expect }) => {
      const r = await finish(runExample('checksum.ts', [...args]));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: npx tsx examples/checksum.ts');
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});
