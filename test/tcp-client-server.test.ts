// The TCP client and server lesson's programs, run as real processes over loopback.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { finish, has, oneLineWith, run, runExample, startServer, until } from './processes.ts';
import { freePort } from '../src/lib/processes.ts';

interface Exchange {
  reply: Buffer;
  localPort: number;
}

/** Connect, write `payload`, half-close, and collect everything until the server closes. */
async function exchange(port: number, payload: Buffer, host = '127.0.0.1'): Promise<Exchange> {
  const socket = net.connect(port, host);
  await once(socket, 'connect');
  const localPort = socket.localPort!;
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  const closed = once(socket, 'close');
  socket.end(payload);
  await closed;
  return { reply: Buffer.concat(chunks), localPort };
}

const NO_STACK = /^\s+at /m;

// One echo server for the tests that only talk to it (each spawn costs time); the others start their own.
let sharedServer: ReturnType<typeof startServer> | undefined;
const echoServer = () => (sharedServer ??= startServer('tcp-server.ts'));
const escape = (s: string) => s.replace(/[.[\]]/g, '\\$&');

describe.concurrent('tcp-server.ts', () => {
  it('echoes every byte and logs each connection with its 4-tuple and byte counts', async ({
    expect,
  }) => {
    const server = await echoServer();
    const payloads = [
      Buffer.from('olá, mundo'),
      Buffer.from([...Array(256).keys()]),
      randomBytes(1 << 20),
    ];
    for (const payload of payloads) {
      const { reply, localPort } = await exchange(server.port, payload);
      expect(reply.equals(payload)).toBe(true);
      const tuple = `127.0.0.1:${localPort} -> 127.0.0.1:${server.port}`;
      await until(() => server.stdout().includes(`closed ${tuple}`), 2000, 'the closed line');
      expect(server.stdout()).toContain(`\nconnection ${tuple}\n`);
      expect(server.stdout()).toContain(
        `\nclosed ${tuple}: ${payload.length} bytes in, ${payload.length} bytes out\n`,
      );
    }
    expect(server.stderr()).toBe('');
  });

  it('serves many clients at once, each on its own connection', async ({ expect }) => {
    const server = await echoServer();
    const texts = Array.from({ length: 20 }, (_, i) => `cliente ${i}: ação `.repeat(1000 + i));
    const results = await Promise.all(texts.map((t) => exchange(server.port, Buffer.from(t))));
    results.forEach(({ reply }, i) => expect(reply.toString()).toBe(texts[i]));
    expect(new Set(results.map((r) => r.localPort)).size).toBe(20);
  });

  it('keeps every byte for a client that writes a lot before it reads anything', async ({
    expect,
  }) => {
    const server = await echoServer();
    const payload = randomBytes(8 << 20);
    const socket = net.connect(server.port, '127.0.0.1');
    socket.pause(); // read nothing yet: the server's replies pile up, and it must stop reading
    socket.end(payload);
    await sleep(300);
    const other = await exchange(server.port, Buffer.from('still there?'));
    expect(other.reply.toString()).toBe('still there?');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.resume();
    await once(socket, 'close');
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
  });

  it('survives empty connections and clients that reset the connection', async ({ expect }) => {
    const server = await echoServer();
    const empty = await exchange(server.port, Buffer.alloc(0));
    expect(empty.reply.length).toBe(0);
    await until(
      () => /: 0 bytes in, 0 bytes out\n/.test(server.stdout()),
      2000,
      'the empty connection to close',
    );

    const rude = net.connect(server.port, '127.0.0.1');
    rude.on('error', () => {});
    await once(rude, 'connect');
    const tuple = `127.0.0.1:${rude.localPort} -> 127.0.0.1:${server.port}`;
    rude.write('half a sentence');
    await sleep(50);
    rude.resetAndDestroy(); // RST instead of FIN
    await until(
      () => server.stdout().includes(`closed ${tuple}`),
      2000,
      'the reset connection to close',
    );

    expect((await exchange(server.port, Buffer.from('ok'))).reply.toString()).toBe('ok');
    expect(server.stderr()).toBe('');
  });

  it('closes a connection that stays silent for --idle milliseconds', async ({ expect }) => {
    const server = await startServer('tcp-server.ts', ['--idle', '200']);
    const socket = net.connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    const started = Date.now();
    socket.resume();
    await once(socket, 'close');
    expect(Date.now() - started).toBeLessThan(2000);
    await until(
      () => server.stdout().includes('idle for 200 ms, closing 127.0.0.1:'),
      2000,
      'the idle line',
    );
  });

  it('listens on IPv6 loopback when asked', async ({ expect }) => {
    const server = await startServer('tcp-server.ts', ['--host', '::1']);
    expect(server.stdout()).toContain(`tcp server listening on [::1]:${server.port}\n`);
    const { reply, localPort } = await exchange(server.port, Buffer.from('ação'), '::1');
    expect(reply.toString()).toBe('ação');
    await until(
      () => server.stdout().includes(`connection [::1]:${localPort} -> [::1]:${server.port}`),
      2000,
      'the log',
    );
  });

  it('stops with exit code 0 on SIGINT and on SIGTERM, even with a connection open', async ({
    expect,
  }) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const server = await startServer('tcp-server.ts');
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('error', () => {});
      await once(socket, 'connect');
      await until(() => server.stdout().includes('connection 127.0.0.1:'), 2000, 'the connection');
      const started = Date.now();
      server.child.kill(signal);
      const { code } = await finish(server, 3000);
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
      socket.destroy();
    }
  });

  it('says in one line that the port is in use (EADDRINUSE), exit 1', async ({ expect }) => {
    const first = await echoServer();
    const second = await finish(runExample('tcp-server.ts', ['--port', String(first.port)]));
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(oneLineWith('EADDRINUSE'));
  });

  it.each(['--port 65536', '--idle 0', '--bogus'])(
    'rejects "%s" with the usage line, exit 2',
    async (args) => {
      const r = await finish(runExample('tcp-server.ts', args.split(' ')));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: npx tsx examples/tcp-server.ts');
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});

describe.concurrent('tcp-client.ts', () => {
  it('sends its message, prints the echo and ends when the server closes', async ({ expect }) => {
    const server = await echoServer();
    const r = await finish(
      runExample('tcp-client.ts', ['--port', String(server.port), 'olá, mundo']),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^connected from 127\\.0\\.0\\.1:\\d+ to 127\\.0\\.0\\.1:${server.port}$`),
    );
    expect(lines.slice(1)).toEqual([
      'olá, mundo',
      'sent 11 bytes, received 11 bytes; the server closed the connection',
      '',
    ]);
    // The port the OS gave the client is the one the server logged.
    const clientPort = /:(\d+) to/.exec(lines[0])![1];
    await until(
      () =>
        server
          .stdout()
          .includes(`connection 127.0.0.1:${clientPort} -> 127.0.0.1:${server.port}\n`),
      2000,
      'the log',
    );
  });

  it('sends its standard input when given no message, then half-closes', async ({ expect }) => {
    const server = await echoServer();
    const client = runExample('tcp-client.ts', ['--port', String(server.port)]);
    client.child.stdin!.end('linha um\nlinha dois: ação\n');
    const r = await finish(client);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^connected from .*\nlinha um\nlinha dois: ação\nsent 28 bytes, received 28 bytes; the server closed the connection\n$/,
    );
  });

  it('says in one line that nothing is listening (ECONNREFUSED), exit 1', async ({ expect }) => {
    const port = await freePort();
    const r = await finish(runExample('tcp-client.ts', ['--port', String(port), 'hello']));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(oneLineWith('ECONNREFUSED'));
  });

  it('gives up after --timeout when the server accepts but never answers, exit 1', async ({
    expect,
  }) => {
    const open: net.Socket[] = [];
    const mute = net.createServer((s) => open.push(s)).listen(0, '127.0.0.1');
    await once(mute, 'listening');
    const { port } = mute.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const r = await finish(
        runExample('tcp-client.ts', ['--port', String(port), '--timeout', '300', 'hello?']),
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`no answer from 127.0.0.1:${port} in 300 ms: giving up\n`);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const s of open) s.destroy();
      mute.close();
    }
  });

  it('says in one line that the server broke off the connection (ECONNRESET), exit 1', async ({
    expect,
  }) => {
    const rude = net
      .createServer((s) => s.on('data', () => s.resetAndDestroy()))
      .listen(0, '127.0.0.1');
    await once(rude, 'listening');
    const { port } = rude.address() as net.AddressInfo;
    try {
      const r = await finish(runExample('tcp-client.ts', ['--port', String(port), 'hello']));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(oneLineWith('ECONNRESET'));
    } finally {
      rude.close();
    }
  });

  it.each(['--port 0 x', '--timeout soon x', '--bogus x'])(
    'rejects "%s" with the usage line, exit 2',
    async (args) => {
      const r = await finish(runExample('tcp-client.ts', args.split(' ')));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: npx tsx examples/tcp-client.ts');
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});

describe.concurrent('the echo server with standard clients', () => {
  it.runIf(has('nc'))(
    'netcat-openbsd gets its line back (-N: half-close at end of input)',
    async ({ expect }) => {
      const server = await echoServer();
      const r = await finish(
        run('sh', ['-c', `printf 'olá, mundo\\n' | nc -N 127.0.0.1 ${server.port}`]),
      );
      expect(r.stdout).toBe('olá, mundo\n');
      expect(r.code).toBe(0);
    },
  );

  it.runIf(has('python3'))(
    "Python's SOCK_STREAM socket gets its bytes back",
    async ({ expect }) => {
      const server = await echoServer();
      const script = [
        'import socket, sys',
        's = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
        's.settimeout(3)',
        `s.connect(('127.0.0.1', ${server.port}))`,
        "s.sendall('olá, mundo'.encode())",
        's.shutdown(socket.SHUT_WR)',
        'data = b""',
        'while chunk := s.recv(1024): data += chunk',
        'sys.stdout.write(data.decode())',
      ].join('\n');
      const r = await finish(run('python3', ['-c', script]));
      expect(r.stdout).toBe('olá, mundo');
    },
  );
});

describe.concurrent('the commands exactly as the lesson shows them (npx tsx)', () => {
  it('npx tsx examples/tcp-server.ts and examples/tcp-client.ts work together', async ({
    expect,
  }) => {
    const server = run('npx', ['tsx', 'examples/tcp-server.ts', '--port', '0']);
    await until(
      () => /listening on 127\.0\.0\.1:\d+\n/.test(server.stdout()),
      15_000,
      'npx tsx tcp-server',
    );
    const port = /:(\d+)\n/.exec(server.stdout())![1];
    const client = await finish(
      run('npx', ['tsx', 'examples/tcp-client.ts', '--port', port, 'olá, mundo']),
      15_000,
    );
    expect(client.code).toBe(0);
    expect(client.stdout).toContain('\nolá, mundo\nsent 11 bytes, received 11 bytes');
    const closed = new RegExp(
      `closed 127\\.0\\.0\\.1:\\d+ -> ${escape(`127.0.0.1:${port}`)}: 11 bytes in, 11 bytes out`,
    );
    await until(() => closed.test(server.stdout()), 2000, 'the closed line');
    server.kill('SIGINT'); // Ctrl+C reaches npx and the server it started
    await finish(server, 5000);
  });
});

/** Write `bytes` to a server and half-close; resolves with what came back once the server closes. */
async function sendAndClose(port: number, writes: Buffer[]): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  for (const bytes of writes) {
    socket.write(bytes);
    if (writes.length > 1) await sleep(5);
  }
  socket.end();
  await once(socket, 'close');
  return Buffer.concat(chunks).toString();
}

const framed = (text: string) => {
  const body = Buffer.from(text);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
};

describe.concurrent('a sender killed mid-message (length-receiver.ts and killed-sender.ts)', () => {
  it("the receiver sees a clean 'end' after exactly the bytes written; only the length says the message is cut short", async ({
    expect,
  }) => {
    const receiver = await startServer('length-receiver.ts');
    for (const [size, killAfter] of [
      [1_000_000, 300_000],
      [1_000_000, 0],
      [5_000_000, 4_999_999],
      [1_000_000, 1_000_000],
    ]) {
      const sender = runExample('killed-sender.ts', [
        '--port',
        String(receiver.port),
        '--size',
        String(size),
        '--kill-after',
        String(killAfter),
      ]);
      const r = await finish(sender);
      expect(sender.child.signalCode).toBe('SIGKILL'); // it died: no end(), no exit code of its own
      expect(r.code).toBe(137);
      expect(r.stdout).toBe(
        `announced ${size} bytes, wrote ${killAfter}; they are in the kernel: SIGKILL\n`,
      );
      const verdict =
        killAfter === size
          ? "'end' at the end of a message: nothing is missing"
          : `'end' after ${killAfter} of the ${size} bytes announced: the message is cut short`;
      await until(() => receiver.stdout().includes(verdict), 3000, verdict);
    }
    expect(receiver.stdout()).not.toMatch(/error/); // a FIN every time, never a reset
    expect(receiver.stderr()).toBe('');
  });

  it('frames messages however they are cut, and refuses a length over its limit', async ({
    expect,
  }) => {
    const receiver = await startServer('length-receiver.ts');
    const two = Buffer.concat([framed('olá'), framed(''), framed('ação')]);
    expect(await sendAndClose(receiver.port, [two])).toBe('');
    expect(
      await sendAndClose(
        receiver.port,
        [...two].map((b) => Buffer.from([b])),
      ),
    ).toBe(''); // one byte per write
    expect(await sendAndClose(receiver.port, [two.subarray(0, 2)])).toBe('');
    expect(await sendAndClose(receiver.port, [Buffer.from('ping\n')])).toBe(
      'error: messages are limited to 67108864 bytes\n',
    );
    const log = receiver.stdout();
    expect(log.match(/message complete: 4 bytes/g)).toHaveLength(2);
    expect(log.match(/message complete: 6 bytes/g)).toHaveLength(2);
    expect(log.match(/message complete: 0 bytes/g)).toHaveLength(2);
    expect(log).toContain("'end' after 2 of the 4 bytes of a length: cut short");
    expect(log).toContain('announces a message of 1885957735 bytes'); // "ping" read as a length
  });
});
