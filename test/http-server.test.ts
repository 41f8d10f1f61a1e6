// The web server lesson's programs (examples/http-server.ts, examples/http-get.ts),
// run as real processes over loopback.
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { within } from '../src/lib/processes.ts';
import { GARBAGE, flood } from './load.ts';
import { PATIENCE_MS, finish, runExample, startServer, times } from './processes.ts';

/**
 * Open a TCP connection, write `parts` one after another (a pause between them when `gapMs` is
 * set: a pace, so that they tend to arrive apart), and resolve with every byte the server sent
 * until it closed (which it must, within PATIENCE_MS of the last part).
 */
function raw(
  port: number,
  parts: (string | Buffer)[],
  { gapMs = 0, host = '127.0.0.1', limitMs = PATIENCE_MS } = {},
) {
  return new Promise<{ text: string; bytes: Buffer }>((resolve, reject) => {
    const socket = connect(port, host);
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined; // from the last part written: a busy machine slows the writing
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const bytes = Buffer.concat(chunks);
      resolve({ text: bytes.toString('utf8'), bytes });
    });
    socket.on('connect', async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        if (gapMs) await sleep(gapMs);
      }
      if (socket.destroyed) return;
      timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the server did not close the connection within ${limitMs} ms`));
      }, limitMs);
    });
  });
}

/** Split a raw response into status line, headers (lower-case names) and body bytes. */
function parse(bytes: Buffer) {
  const end = bytes.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 2)]),
  );
  return { statusLine, headers, body: bytes.subarray(end + 4) };
}

/** One server for the tests that only talk to it; the others start their own. */
let shared: ReturnType<typeof startServer> | undefined;
const sharedServer = () => (shared ??= startServer('http-server.ts'));

const GET = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

describe.concurrent('http-server.ts', () => {
  it('answers GET / with exactly these bytes: status line, headers, empty line, body', async ({
    expect,
  }) => {
    const server = await sharedServer();
    const { text } = await raw(server.port, [GET('/')]);
    expect(text).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\nConnection: close\r\n\r\nOlá, mundo!\n',
    );
    await server.waitFor('"GET / HTTP/1.1" -> 200 OK, 13 bytes\n');
    expect(server.stderr()).toBe('');
  });

  it('counts Content-Length in bytes, not characters, on every page', async ({ expect }) => {
    const server = await sharedServer();
    for (const path of ['/', '/page.html', '/nada']) {
      const { headers, body } = parse((await raw(server.port, [GET(path)])).bytes);
      expect(Number(headers['content-length'])).toBe(body.length);
    }
    const page = parse((await raw(server.port, [GET('/page.html')])).bytes);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toContain('<h1>Olá, mundo!</h1>');
    expect(page.body.length).toBeGreaterThan(page.body.toString().length); // "á" and "ã" are two bytes each
  });

  it("works with Node's fetch, as a browser would talk to it", async ({ expect }) => {
    const server = await sharedServer();
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Olá, mundo!\n');
    const missing = await fetch(`http://127.0.0.1:${server.port}/nada?x=1`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('404 Not Found\n');
    expect((await fetch(`http://127.0.0.1:${server.port}/?lang=pt`)).status).toBe(200); // the query is not the path
  });

  it('waits for the whole head when it arrives one byte at a time', async ({ expect }) => {
    const server = await sharedServer();
    const bytes = [...Buffer.from(GET('/'))].map((b) => Buffer.from([b]));
    const { text } = await raw(server.port, bytes, { gapMs: 2 });
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nOlá, mundo!\n$/);
  });

  it('answers HEAD with the headers of GET and no body', async ({ expect }) => {
    const server = await sharedServer();
    const { text } = await raw(server.port, ['HEAD / HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(text).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\nConnection: close\r\n\r\n',
    );
  });

  it.each([
    ['a line that is not a request', 'hello\r\n\r\n', 'the first line must be'],
    ['an empty head', '\r\n\r\n', 'the first line must be'],
    ['a lower-case method', 'get / HTTP/1.1\r\nHost: x\r\n\r\n', 'the first line must be'],
    [
      'a target without "/"',
      'GET index.html HTTP/1.1\r\nHost: x\r\n\r\n',
      'the first line must be',
    ],
    [
      'HTTP/2.0 on a text connection',
      'GET / HTTP/2.0\r\nHost: x\r\n\r\n',
      'the first line must be',
    ],
    ['two spaces', 'GET  / HTTP/1.1\r\nHost: x\r\n\r\n', 'the first line must be'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost x\r\n\r\n', '"Name: value"'],
    ['a space before the colon', 'GET / HTTP/1.1\r\nHost : x\r\n\r\n', '"Name: value"'],
    ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\n\r\n', 'requires a Host header'],
    ['binary bytes', Buffer.from([0, 1, 2, 255, 13, 10, 13, 10]), 'the first line must be'],
  ])('answers 400 to %s', async (_, request, why) => {
    const server = await sharedServer();
    const { statusLine, headers, body } = parse((await raw(server.port, [request])).bytes);
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(body.toString()).toContain(why);
    expect(Number(headers['content-length'])).toBe(body.length);
    await server.waitFor('-> 400 Bad Request');
  });

  it('accepts HTTP/1.0 without Host', async ({ expect }) => {
    const server = await sharedServer();
    expect((await raw(server.port, ['GET / HTTP/1.0\r\n\r\n'])).text).toMatch(
      /^HTTP\/1\.1 200 OK\r\n/,
    );
  });

  it('answers 404 to an unknown path and 405 (with Allow) to other methods', async ({ expect }) => {
    const server = await sharedServer();
    expect((await raw(server.port, [GET('/nada')])).text).toMatch(
      /^HTTP\/1\.1 404 Not Found\r\n[\s\S]*\r\n\r\n404 Not Found\n$/,
    );
    const post = parse(
      (await raw(server.port, ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi'])).bytes,
    );
    expect(post.statusLine).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it.runIf(existsSync('/proc/self/status'))(
    'answers 431 to a head over 8 KiB, without keeping what it cannot use',
    async ({ expect }) => {
      const server = await startServer('http-server.ts');
      const huge = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`;
      expect(parse((await raw(server.port, [huge])).bytes).statusLine).toBe(
        'HTTP/1.1 431 Request Header Fields Too Large',
      );

      // 256 MiB of header that never ends: the server answers 431, and its memory does not follow.
      // allowHalfOpen: keep writing after the server's FIN, so that the server really gets it all.
      const socket = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true });
      socket.on('error', () => {});
      let reply = '';
      const answered = new Promise<void>((resolve) =>
        socket.setEncoding('latin1').on('data', (text: string) => {
          reply += text;
          if (reply.includes('\r\n\r\n431 Request Header')) resolve();
        }),
      );
      await once(socket, 'connect');
      const { growth } = await flood(socket, server.child.pid!, 'GET / HTTP/1.1\r\nX-Big: ');
      await within(answered, AbortSignal.timeout(PATIENCE_MS));
      socket.destroy();
      expect(growth).toBeLessThan(GARBAGE);
      expect((await raw(server.port, [GET('/')])).text).toContain('Olá, mundo!'); // still serving
    },
  );

  it('closes a connection that sends nothing, or half a request, after --idle-ms', async ({
    expect,
  }) => {
    const server = await startServer('http-server.ts', ['--idle-ms', '300']);
    const started = Date.now();
    const [silent, half] = await Promise.all([
      raw(server.port, []),
      raw(server.port, ['GET / HTTP/1.1\r\nHost: x\r\n']),
    ]);
    expect(silent.text).toBe('');
    expect(half.text).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // Before the default, 10 s: the timer is the one --idle-ms set.
    expect(Date.now() - started).toBeLessThan(10_000);
    await server.waitFor(times('no complete request in 300 ms: connection closed', 2));
  });

  it('serves many clients at once, while a slow one is still typing', async ({ expect }) => {
    const server = await sharedServer();
    const slow = connect(server.port, '127.0.0.1');
    slow.on('error', () => {});
    slow.write('GET / HTTP/1.1\r\n'); // and nothing more for now
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`http://127.0.0.1:${server.port}/${i % 2 ? 'page.html' : ''}`),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(30).fill(200));
    const texts = await Promise.all(replies.map((r) => r.text()));
    expect(texts.filter((t) => t === 'Olá, mundo!\n')).toHaveLength(15);
    slow.destroy();
  });

  it('survives clients that vanish mid-request or reset the connection', async ({ expect }) => {
    const server = await sharedServer();
    await new Promise<void>((resolve) => {
      const s: Socket = connect(server.port, '127.0.0.1', () => {
        s.write('GET / HTTP/1.1\r\nHo', () => {
          s.resetAndDestroy(); // half a request in the kernel, then the RST
          resolve();
        });
      });
    });
    await new Promise<void>((resolve) => {
      const s = connect(server.port, '127.0.0.1', () => {
        s.write(GET('/page.html'));
        s.resetAndDestroy(); // gone before the answer arrives
        resolve();
      });
    });
    expect((await raw(server.port, [GET('/')])).text).toContain('Olá, mundo!');
    expect(server.stderr()).toBe('');
  });

  it('listens on IPv6 loopback when asked', async ({ expect }) => {
    const server = await startServer('http-server.ts', ['--host', '::1']);
    expect(server.stdout()).toContain(`http server listening on ::1:${server.port}\n`);
    expect(await (await fetch(`http://[::1]:${server.port}/`)).text()).toBe('Olá, mundo!\n');
  });
});

describe.concurrent('http-get.ts', () => {
  it('prints the status, the headers and the body', async ({ expect }) => {
    const server = await sharedServer();
    const r = await finish(runExample('http-get.ts', ['--port', String(server.port)]));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '200 OK\nconnection: close\ncontent-length: 13\ncontent-type: text/plain; charset=utf-8\n\nOlá, mundo!\n',
    );
    const missing = await finish(
      runExample('http-get.ts', ['--port', String(server.port), '/nada']),
    );
    expect(missing.code).toBe(0); // a 404 is an answer
    expect(missing.stdout).toMatch(/^404 Not Found\n[\s\S]*\n\n404 Not Found\n$/);
  });

  it('gives up after --timeout when the server never answers, exit 1', async ({ expect }) => {
    const mute = createServer((socket) => socket.on('error', () => {})); // accepts, never answers
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const port = (mute.address() as { port: number }).port;
    try {
      const r = await finish(
        runExample('http-get.ts', ['--port', String(port), '--timeout', '300']),
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`no answer from 127.0.0.1:${port} after 300 ms\n`);
    } finally {
      mute.close();
    }
  });
});

describe('Content-Length in characters instead of bytes', () => {
  it('with 12 instead of 13, the body read is exactly "Olá, mundo!": only the "\\n" is lost', ({
    expect,
  }) => {
    const body = Buffer.from('Olá, mundo!\n');
    expect('Olá, mundo!\n'.length).toBe(12);
    expect(body.length).toBe(13);
    expect(body.subarray(0, 12).toString('utf8')).toBe('Olá, mundo!');
    expect(body.subarray(12).toString('utf8')).toBe('\n');
  });
});
