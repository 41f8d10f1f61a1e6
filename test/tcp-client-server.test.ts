// The TCP client and server lesson's programs, run as real processes over loopback.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  PATIENCE_MS,
  finish,
  has,
  oneLineWith,
  run,
  runExample,
  startServer,
} from './processes.ts';
import { slack } from '../src/lib/slack.ts';

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

// One echo server for the tests that only talk to it (each spawn costs time); the others start their own.
let sharedServer: ReturnType<typeof startServer> | undefined;
const echoServer = () => (sharedServer ??= startServer('tcp-server.ts'));

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
      await server.waitFor(`closed ${tuple}`);
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
    await once(socket, 'connect');
    await server.waitFor(`connection 127.0.0.1:${socket.localPort} ->`); // it serves this one…
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
    await server.waitFor(/: 0 bytes in, 0 bytes out\n/);

    const rude = net.connect(server.port, '127.0.0.1');
    rude.on('error', () => {});
    await once(rude, 'connect');
    const tuple = `127.0.0.1:${rude.localPort} -> 127.0.0.1:${server.port}`;
    rude.write('half a sentence');
    await once(rude, 'data'); // its echo: the server has read it
    rude.resetAndDestroy(); // RST instead of FIN
    await server.waitFor(`closed ${tuple}`);

    expect((await exchange(server.port, Buffer.from('ok'))).reply.toString()).toBe('ok');
    expect(server.stderr()).toBe('');
  });

  it('closes a connection that stays silent for --idle milliseconds', async ({ expect }) => {
    const server = await startServer('tcp-server.ts', ['--idle', '200']);
    const started = Date.now(); // (before the server's timer, which starts once it has accepted)
    const socket = net.connect(server.port, '127.0.0.1');
    socket.resume();
    await once(socket, 'close', { signal: AbortSignal.timeout(PATIENCE_MS) });
    // Closed by the server's idle timer, not earlier (a timer may fire a few ms early by the
    // clock), and long before its default, a minute.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(slack(2000));
    await server.waitFor('idle for 200 ms, closing 127.0.0.1:');
  });

  it('listens on IPv6 loopback when asked', async ({ expect }) => {
    const server = await startServer('tcp-server.ts', ['--host', '::1']);
    expect(server.stdout()).toContain(`tcp server listening on [::1]:${server.port}\n`);
    const { reply, localPort } = await exchange(server.port, Buffer.from('ação'), '::1');
    expect(reply.toString()).toBe('ação');
    await server.waitFor(`connection [::1]:${localPort} -> [::1]:${server.port}`);
  });
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
    await server.waitFor(`connection 127.0.0.1:${clientPort} -> 127.0.0.1:${server.port}\n`);
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
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(Date.now() - started).toBeLessThan(slack(3000));
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
        `s.settimeout(${PATIENCE_MS / 1000})`,
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

/**
 * Write `writes` to a server (5 ms apart: a pace, so that they tend to arrive apart) and
 * half-close; resolves with what came back once the server closes.
 */
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
      await receiver.waitFor(verdict);
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
