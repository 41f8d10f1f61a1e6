// The "closing connections" lesson's programs, run as real processes over loopback.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { finish, has, run, runExample, startServer, times } from './processes.ts';

/** Connect, write `payload`, half-close, and collect everything until the server closes. */
async function exchange(port: number, payload: Buffer | string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  socket.on('error', () => {}); // a reset still ends in 'close'
  const closed = once(socket, 'close');
  socket.end(payload);
  await closed;
  return Buffer.concat(chunks).toString('utf8');
}

const escape = (s: string) => s.replace(/[.[\]]/g, '\\$&');

describe.concurrent('sort-server.ts', () => {
  it('answers after the client half-closes: the lines, sorted, then its own FIN', async ({
    expect,
  }) => {
    const server = await startServer('sort-server.ts');
    expect(server.stdout()).toContain(
      `sort server (allowHalfOpen: true) listening on 127.0.0.1:${server.port}\n`,
    );
    expect(await exchange(server.port, 'pera\nuva\nabacate\n')).toBe('abacate\npera\nuva\n');
    expect(await exchange(server.port, '')).toBe(''); // nothing to sort: an empty answer, then FIN
    // Binary bytes and a client that resets midway do not bring it down.
    expect(await exchange(server.port, Buffer.from([0xff, 0x0a, 0x00]))).toBe('\0\n\uFFFD\n');
    const rude = net.connect(server.port, '127.0.0.1');
    rude.on('error', () => {});
    await once(rude, 'connect');
    rude.write('b\na\n');
    rude.resetAndDestroy();
    await server.waitFor('ECONNRESET (ECONNRESET)');
    // More than 1 MiB: refused, and the server goes on.
    expect(await exchange(server.port, 'x\n'.repeat(600_000))).toBe(
      'error: at most 1048576 bytes, please\n',
    );
    expect(await exchange(server.port, 'b\na\n')).toBe('a\nb\n');
    expect(server.stderr()).toBe('');
  });

  it("with --no-half-open (Node's default), the answer written after 'end' fails with EPIPE", async ({
    expect,
  }) => {
    const server = await startServer('sort-server.ts', ['--no-half-open']);
    expect(server.stdout()).toContain('sort server (allowHalfOpen: false) listening on');
    const r = await finish(
      runExample('line-client.ts', ['--port', String(server.port), 'pera', 'uva']),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('the server closed the connection without answering\n');
    await server.waitFor('(EPIPE)');
    expect(server.stdout()).toMatch(
      /^127\.0\.0\.1:\d+ error: This socket has been ended by the other party \(EPIPE\)$/m,
    );
  });
});

describe.concurrent('watch-server.ts and leave-client.ts', () => {
  it("end() and destroy() reach the server as FIN ('end'); resetAndDestroy() as RST (ECONNRESET)", async ({
    expect,
  }) => {
    const server = await startServer('watch-server.ts');
    const logOf = async (how: string) => {
      const r = await finish(
        runExample('leave-client.ts', ['--port', String(server.port), '--how', how]),
      );
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('server says: welcome');
      return r.stdout;
    };
    const sawEnd = (out: string) =>
      expect(out).toContain("'end': the server sent FIN, it will send nothing more");
    sawEnd(await logOf('end'));
    expect(await logOf('destroy')).toContain('destroy(): the socket is closed, in both directions');
    expect(await logOf('reset')).toContain('resetAndDestroy(): RST sent, the connection is void');
    await server.waitFor(times("'close'", 3));
    const events = server
      .stdout()
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.replace(/^127\.0\.0\.1:\d+ /, ''));
    expect(events).toEqual([
      'connected',
      "'end': the client sent FIN, it will send nothing more",
      "'close'",
      'connected',
      "'end': the client sent FIN, it will send nothing more",
      "'close'",
      'connected',
      "'error': ECONNRESET",
      "'close' after an error",
    ]);
  });

  it('"quit": the server says "bye" and closes first, so its side waits in TIME_WAIT; Node restarts on that port anyway', async ({
    expect,
  }) => {
    const server = await startServer('watch-server.ts');
    const r = await finish(
      runExample('leave-client.ts', ['--port', String(server.port), '--how', 'quit']),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'server says: welcome\nsent "quit"; waiting for the server to close\nserver says: bye\n' +
        "'end': the server sent FIN, it will send nothing more\n",
    );
    await server.stop('SIGINT');
    if (has('ss')) {
      const ss = execFileSync(
        'ss',
        ['-tn', 'state', 'time-wait', 'sport', '=', `:${server.port}`],
        { encoding: 'utf8' },
      );
      expect(ss).toMatch(
        new RegExp(`${escape(`127.0.0.1:${server.port}`)}\\s+127\\.0\\.0\\.1:\\d+`),
      );
    }
    if (has('python3')) {
      const bind = `import socket; s = socket.socket(); s.bind(('127.0.0.1', ${server.port}))`;
      const py = await finish(run('python3', ['-c', bind]));
      expect(py.code).toBe(1);
      expect(py.stderr).toContain('OSError: [Errno 98] Address already in use');
      // socket.create_server() sets SO_REUSEADDR (on POSIX systems): the same port, TIME_WAIT or not.
      const created = `import socket; socket.create_server(('127.0.0.1', ${server.port})); print('listening')`;
      const made = await finish(run('python3', ['-c', created]));
      expect(made.stderr).toBe('');
      expect(made.stdout).toBe('listening\n');
    }
    // Node sets SO_REUSEADDR: the same port, right away.
    const restarted = runExample('watch-server.ts', ['--port', String(server.port)]);
    await restarted.waitFor(`listening on 127.0.0.1:${server.port}\n`);
  });

  it('the client gives up on a server that never greets, after its --timeout', async ({
    expect,
  }) => {
    const silent = net.createServer((s) => s.on('error', () => {})).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const slow = await finish(
        runExample('leave-client.ts', ['--port', String(port), '--timeout', '300']),
      );
      expect(slow.code).toBe(1);
      expect(slow.stderr).toBe(`no greeting or no close from 127.0.0.1:${port} after 300 ms\n`);
    } finally {
      silent.close();
    }
  });
});

describe.concurrent('server-close.ts', () => {
  it('refuses new connections at once, serves the open one, and closes when it leaves', async ({
    expect,
  }) => {
    const r = await finish(runExample('server-close.ts'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'server: listening',
        'client A: connected',
        'server: close() called; no new connections from now on',
        'client B: ECONNREFUSED, nobody accepts connections there any more',
        'client A: sent "still there?", got "still there?" back',
        'server: closed yet? no, A is still connected',
        'client A: end()',
        "server: 'close', its last connection is gone",
        '',
      ].join('\n'),
    );
  });
});

describe('destroy-unread.ts', () => {
  it('destroy() sends FIN when everything was read, RST (ECONNRESET at the peer) when bytes are left unread: every run', async ({
    expect,
  }) => {
    const expected = [
      'the server read the 6 bytes and called destroy()',
      "the client got 'end' (the server sent FIN)",
      '',
      'the server left the 6 bytes unread and called destroy()',
      'the client got ECONNRESET (the server sent RST)',
      '',
    ].join('\n');
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => finish(runExample('destroy-unread.ts'))),
    );
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(expected);
      expect(r.stderr).toBe('');
    }
  });
});

describe('an RST right behind the last bytes', () => {
  it('reaches the reader as ECONNRESET, or as a plain end where libuv is older than 1.52 (Node 22.19): what the lesson says of each', async () => {
    const server = net.createServer({ pauseOnConnect: true }); // the server reads nothing yet
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    const [socket] = (await once(server, 'connection')) as [net.Socket];
    await new Promise((written) => client.write('bye\n', written));
    client.resetAndDestroy();
    // Both the bytes and the RST wait in the server's kernel, so one wake-up brings both: the
    // client's socket is closed once its RST is sent (on loopback, delivered in the same call).
    await once(client, 'close');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const seen = new Promise<string>((resolve) => {
      socket.once('end', () => resolve('end'));
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    socket.resume();
    const [major, minor] = process.versions.uv.split('.').map(Number);
    expect(await seen).toBe(major > 1 || minor >= 52 ? 'ECONNRESET' : 'end');
    expect(text).toBe('bye\n');
    socket.destroy();
    server.close();
  });
});
