// The loss-and-retries lesson: a server that loses datagrams on purpose (never at
// random), a client that retries with exponential backoff, connected UDP, and what
// the UDP checksum lets through.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { describe, it } from 'vitest';
import {
  PATIENCE_MS,
  finish,
  has,
  oneLineWith,
  run,
  runExample,
  startServer,
} from './processes.ts';
import { freePort, within } from '../src/lib/processes.ts';

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
    await server.waitFor('#3 ');
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
    await server.waitFor('#2 ');
    expect(server.stdout()).toMatch(
      /^#1 from .*: "deposit 10", handled, but the reply is dropped on purpose\n#2 from .*: "deposit 10", echoed$/m,
    );
  });

  it('echoes empty and binary datagrams once its losses are spent, without crashing', async ({
    expect,
  }) => {
    const server = await startServer('udp-lossy-server.ts', ['--drop', '1']);
    const socket = createSocket('udp4');
    try {
      const replies: Buffer[] = [];
      const two = new Promise<void>((resolve) =>
        socket.on('message', (m) => replies.push(m) === 2 && resolve()),
      );
      // One at a time, each once the server has logged the one before: they come in this order.
      for (const [n, payload] of [
        Buffer.from('lost'),
        Buffer.alloc(0),
        Buffer.from([0xff, 0x00, 0xfe]),
      ].entries()) {
        socket.send(payload, server.port, '127.0.0.1');
        await server.waitFor(`#${n + 1} `);
      }
      await within(two, AbortSignal.timeout(PATIENCE_MS));
      expect(replies.map((r) => r.toString('hex'))).toEqual(['', 'ff00fe']);
      expect(server.stdout()).toContain('"lost", dropped on purpose');
      expect(server.stdout()).toContain(': "�\\u0000�", echoed'); // bytes that are not UTF-8 show as �
      expect(server.exitCode).toBe(undefined);
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
    // At once: one attempt, refused, and no second one (its first wait would end after 10 s).
    expect(r.stdout.match(/^attempt/gm)).toHaveLength(1);
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
      await new Promise<void>((resolve) => client.connect(peerPort, '127.0.0.1', () => resolve()));
      // The first datagram the peer gets is the one the client sends after connecting.
      const toPeer = next(peer);
      client.send('hi');
      expect(await toPeer).toBe('hi'); // connecting sent nothing before it
      // The stranger's datagram is in the kernel before the peer's: it would be read first.
      const toClient = next(client);
      await new Promise((sent) =>
        stranger.send('from a stranger', client.address().port, '127.0.0.1', sent),
      );
      peer.send('from the peer', client.address().port, '127.0.0.1');
      expect(await toClient).toBe('from the peer');
    } finally {
      for (const s of [peer, stranger, client]) s.close();
    }
  });

  it('an unconnected socket is told nothing when it sends to a closed port; a connected one is', async ({
    expect,
  }) => {
    const port = await freePort();
    const unconnected = createSocket('udp4');
    const connected = createSocket('udp4');
    try {
      const errors: string[] = [];
      unconnected.on('error', (e: NodeJS.ErrnoException) => errors.push(`unconnected ${e.code}`));
      const sent = await new Promise<Error | null>((resolve) =>
        unconnected.send('hello?', port, '127.0.0.1', resolve),
      );
      expect(sent).toBeNull();
      // The same datagram from a connected socket, after it: its refusal comes back.
      await new Promise<void>((resolve) => connected.connect(port, '127.0.0.1', resolve));
      const refused = once(connected, 'error', { signal: AbortSignal.timeout(PATIENCE_MS) });
      connected.send('hello?');
      expect((await refused)[0].code).toBe('ECONNREFUSED');
      await new Promise(setImmediate); // (a loop turn: what was reported with it is seen too)
      expect(errors).toEqual([]);
    } finally {
      unconnected.close();
      connected.close();
    }
  });
});

/** The text of the next datagram `socket` receives. */
const next = async (socket: Socket) =>
  String((await once(socket, 'message', { signal: AbortSignal.timeout(PATIENCE_MS) }))[0]);

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
});
