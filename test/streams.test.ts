// The "streams have no message boundaries" lesson's programs, run as real processes over loopback.
// Content is asserted, never how many 'data' events carried it.
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { extractRegion } from '../src/lib/regions.ts';
import { PATIENCE_MS, finish, root, runExample, startServer } from './processes.ts';

// One line server for the tests that only talk to it (each spawn costs time); the others start their own.
let sharedServer: ReturnType<typeof startServer> | undefined;
const lineServer = () => (sharedServer ??= startServer('line-server.ts'));

/**
 * Connect, write each piece `gapMs` apart, half-close, and collect everything until the server
 * closes. (The gap only paces the writes, so that the pieces tend to arrive apart: what the
 * tests assert is the content, whichever way it arrives.)
 */
async function sendInPieces(
  port: number,
  pieces: Buffer[],
  gapMs = 20,
  host = '127.0.0.1',
): Promise<string> {
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  const closed = once(socket, 'close');
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await sleep(gapMs);
    socket.write(piece);
  }
  socket.end();
  await closed;
  return Buffer.concat(chunks).toString('utf8');
}

describe.concurrent('chunks.ts', () => {
  it('delivers every byte in order, in pieces of at most 64 KiB', async ({ expect }) => {
    const r = await finish(runExample('chunks.ts'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 writes: "one\\n" "two\\n" "three\\n"\n');
    // Whatever the chunks, their concatenation is what was written.
    const pieces = [...r.stdout.matchAll(/^'data' event: (".*")$/gm)].map(
      (m) => JSON.parse(m[1]) as string,
    );
    expect(pieces.join('')).toBe('one\ntwo\nthree\n');
    const big = /^'data' events: (\d+) bytes in all, at most (\d+) bytes each$/m.exec(r.stdout);
    expect(Number(big![1])).toBe(1024 * 1024);
    expect(Number(big![2])).toBeLessThanOrEqual(65536);
    expect(r.stderr).toBe('');
  });
});

describe.concurrent('utf8-split.ts', () => {
  it('shows a character cut in two: broken when each chunk is decoded alone, whole with a StringDecoder', async ({
    expect,
  }) => {
    const r = await finish(runExample('utf8-split.ts'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"ação" in UTF-8: 61 c3 a7 c3 a3 6f (6 bytes)');
    expect(r.stdout).toMatch(/^each chunk decoded alone: .* = "a\uFFFD\uFFFDão"$/m);
    expect(r.stdout).toMatch(/^with a StringDecoder: +"a" \+ "ção" = "ação"$/m);
  });

  it('cuts any text anywhere, over IPv6 too', async ({ expect }) => {
    const r = await finish(runExample('utf8-split.ts', ['--host', '::1', '--at', '1', '👋']));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^with a StringDecoder: .* = "👋"$/m);
    expect(r.stdout).not.toMatch(/^with a StringDecoder: .*\uFFFD/m);
  });
});

/**
 * The regions "frame" and "unframe" of length-framing.ts, exactly as the lesson shows them,
 * loaded as a module of their own (examples export nothing: a reader copies one file and runs it).
 */
async function framingRegions() {
  const file = 'examples/length-framing.ts';
  const source = readFileSync(join(root, file), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'framing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const module = join(dir, 'framing.ts');
  const code = ['frame', 'unframe']
    .map((region) => extractRegion(source, file, region))
    .join('\n\n');
  // The first region starts at the imports and reads the command line, which the file defines at its end.
  writeFileSync(
    module,
    `${code}\nfunction commandLine() {\n  return {};\n}\nexport { frame, unframer, MAX_MESSAGE };\n`,
  );
  return (await import(module)) as {
    frame: (text: string) => Buffer;
    unframer: (onMessage: (payload: Buffer) => void) => (chunk: Buffer) => void;
    MAX_MESSAGE: number;
  };
}
const { frame, MAX_MESSAGE, unframer } = await framingRegions();

describe.concurrent('length-framing.ts', () => {
  it('frames a message as 4 bytes of length (big-endian) and its UTF-8 bytes', ({ expect }) => {
    expect(frame('ação').toString('hex')).toBe('00000006' + '61c3a7c3a36f');
    expect(frame('').toString('hex')).toBe('00000000');
  });

  it('finds the same messages however the bytes are cut', ({ expect }) => {
    const messages = ['um', '', 'dois', 'ação', '👋'.repeat(1000)];
    const bytes = Buffer.concat(messages.map(frame));
    for (const size of [1, 2, 3, 5, 7, 64, bytes.length]) {
      const found: string[] = [];
      const feed = unframer((payload) => found.push(payload.toString('utf8')));
      for (let i = 0; i < bytes.length; i += size) feed(bytes.subarray(i, i + size));
      expect(found).toEqual(messages);
    }
  });

  it('refuses a length over the limit instead of waiting for it', ({ expect }) => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_MESSAGE + 1);
    expect(() => unframer(() => {})(header)).toThrow(
      `a message of ${MAX_MESSAGE + 1} bytes is over the limit`,
    );
  });

  it('finds the messages in one write and in one write per byte, over a real connection', async ({
    expect,
  }) => {
    const r = await finish(runExample('length-framing.ts', ['um', 'ação']));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"ação" -> 00 00 00 06 | 61 c3 a7 c3 a3 6f');
    expect(r.stdout).toContain('1 write of 16 bytes:\n  message "um"\n  message "ação"\n');
    expect(r.stdout).toContain('16 writes of 1 byte each:\n  message "um"\n  message "ação"\n');
  });
});

describe.concurrent('line-server.ts', () => {
  it('answers every line, however the stream is cut, even inside a character', async ({
    expect,
  }) => {
    const server = await lineServer();
    const text = Buffer.from('um\ndois\nação\n');
    const expected = '1: um\n2: dois\n3: ação\n';
    // One write; one byte per write; and two writes cut at every place (inside "ç" and "ã" too).
    expect(await sendInPieces(server.port, [text])).toBe(expected);
    expect(
      await sendInPieces(
        server.port,
        [...text].map((b) => Buffer.from([b])),
        2,
      ),
    ).toBe(expected);
    await Promise.all(
      [...Array(text.length - 1).keys()].map(async (i) => {
        const cut = i + 1;
        expect(await sendInPieces(server.port, [text.subarray(0, cut), text.subarray(cut)])).toBe(
          expected,
        );
      }),
    );
    // The server's log, too, has every third line whole: never a broken "ç" or "ã".
    const thirdLines = [...server.stdout().matchAll(/^127\.0\.0\.1:\d+ line 3: (.*)$/gm)].map(
      (m) => m[1],
    );
    expect(new Set(thirdLines)).toEqual(new Set(['"ação"']));
    expect(server.stderr()).toBe('');
  });

  it('survives binary bytes, a line that never ends, an abrupt disconnect, and a line over the limit', async ({
    expect,
  }) => {
    const server = await lineServer();
    // Not UTF-8: replaced, not fatal.
    expect(await sendInPieces(server.port, [Buffer.from([0xff, 0xfe, 0x0a])])).toBe(
      '1: \uFFFD\uFFFD\n',
    );
    // No newline before FIN: no line.
    expect(await sendInPieces(server.port, [Buffer.from('half a li')])).toBe('');
    await server.waitFor('closed with 9 characters after its last newline');
    // Gone in the middle of a line.
    const rude = net.connect(server.port, '127.0.0.1');
    rude.on('error', () => {});
    await once(rude, 'connect');
    rude.write('ab');
    rude.resetAndDestroy();
    // Over the limit: an error line, and the connection closes.
    const huge = await sendInPieces(server.port, [Buffer.alloc(200_000, 'x')]);
    expect(huge).toBe('error: lines are limited to 65536 characters\n');
    expect(await sendInPieces(server.port, [Buffer.from('still here\n')])).toBe('1: still here\n');
    expect(server.stderr()).toBe('');
  });

  it('listens on IPv6 loopback when asked', async ({ expect }) => {
    const server = await startServer('line-server.ts', ['--host', '::1']);
    expect(server.stdout()).toContain(`listening on ::1:${server.port}`);
    expect(await sendInPieces(server.port, [Buffer.from('oi\n')], 0, '::1')).toBe('1: oi\n');
  });
});

describe.concurrent('line-client.ts', () => {
  it('sends its lines, at once or byte by byte, and prints the answer until the server closes', async ({
    expect,
  }) => {
    const server = await lineServer();
    for (const extra of [[], ['--byte-by-byte']]) {
      const r = await finish(
        runExample('line-client.ts', ['--port', String(server.port), ...extra, 'um', 'ação']),
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('1: um\n2: ação\n');
    }
  });

  it('gives up after --timeout on a server that never answers, and says when a server closes without answering', async ({
    expect,
  }) => {
    const silent = net
      .createServer({ allowHalfOpen: true }, (s) => s.on('error', () => {}))
      .listen(0, '127.0.0.1');
    // Reads and drops; with allowHalfOpen: false (the default) it closes when the client does.
    const closer = net.createServer((s) => s.on('error', () => {}).resume()).listen(0, '127.0.0.1');
    await Promise.all([once(silent, 'listening'), once(closer, 'listening')]);
    try {
      const port = (s: net.Server) => String((s.address() as net.AddressInfo).port);
      const slow = await finish(
        runExample('line-client.ts', ['--port', port(silent), '--timeout', '300', 'oi']),
      );
      expect(slow.code).toBe(1);
      expect(slow.stderr).toBe(`no answer from 127.0.0.1:${port(silent)} after 300 ms\n`);
      const none = await finish(runExample('line-client.ts', ['--port', port(closer), 'oi']));
      expect(none.code).toBe(1);
      expect(none.stderr).toBe('the server closed the connection without answering\n');
    } finally {
      silent.close();
      closer.close();
    }
  });
});

describe("setEncoding('utf8'), as line-server.ts uses it", () => {
  it("gives no 'data' event for the lone first byte of a character, and the whole character once the rest arrives", async ({
    expect,
  }) => {
    const events: string[] = [];
    const reads = new EventEmitter(); // 'read': bytes read off the connection, handled by Node
    const server = net.createServer((socket) => {
      socket.setEncoding('utf8');
      socket.on('data', (text: string) => events.push(text));
      // What the socket reads goes through push(): a 'data' event, if any, comes from there.
      const push = socket.push.bind(socket);
      socket.push = (chunk, encoding) => {
        const more = push(chunk, encoding);
        if (chunk) setImmediate(() => reads.emit('read', chunk));
        return more;
      };
    });
    await once(server.listen(0, '127.0.0.1'), 'listening');
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    client.setNoDelay(true);
    await once(client, 'connect');
    /** Write `bytes` and wait until the server has read them, alone. */
    const send = async (...bytes: number[]) => {
      const read = once(reads, 'read', { signal: AbortSignal.timeout(PATIENCE_MS) });
      client.write(Buffer.from(bytes));
      expect((await read)[0]).toEqual(Buffer.from(bytes));
    };
    await send(0x61); // "a"
    expect(events).toEqual(['a']);
    await send(0xc3); // the first byte of "ç", alone: read…
    expect(events).toEqual(['a']); // …and nothing for it: the decoder waits
    await send(0xa7); // its second byte
    expect(events).toEqual(['a', 'ç']);
    client.destroy();
    server.close();
  });
});
