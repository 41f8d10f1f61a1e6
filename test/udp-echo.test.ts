// The UDP echo lesson's programs, run as real processes over loopback.
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { finish, has, oneLineWith, run, runExample, startServer, until } from './processes.ts';
import { freePort } from '../src/lib/processes.ts';

/** Send one datagram from a fresh socket and wait for the reply. */
function roundTrip(port: number, payload: Buffer, host = '127.0.0.1'): Promise<Buffer> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply in 3 s')), 3000);
    socket.on('message', (reply) => resolve(reply));
    socket.on('error', reject);
    socket.send(payload, port, host);
    return timer;
  }).finally(() => socket.close()) as Promise<Buffer>;
}

const NO_STACK = /^\s+at /m;

describe.concurrent('udp-server.ts', () => {
  it('echoes every datagram byte for byte and logs its size and sender', async () => {
    const server = await startServer('udp-server.ts');
    const payloads = [
      Buffer.from('olá, mundo'),
      Buffer.from([...Array(256).keys()]), // every byte value, not UTF-8
      Buffer.alloc(0), // an empty datagram is a valid datagram
      Buffer.alloc(65_507, 'x'), // the largest payload IPv4 allows
    ];
    for (const payload of payloads) {
      expect((await roundTrip(server.port, payload)).equals(payload)).toBe(true);
    }
    await until(() => server.stdout().includes('65507 bytes from'), 2000, 'the last log line');
    expect(server.stdout()).toMatch(/^11 bytes from 127\.0\.0\.1:\d+: "olá, mundo"$/m);
    expect(server.stdout()).toMatch(
      /^256 bytes from 127\.0\.0\.1:\d+: "\\u0000\\u0001\\u0002.*…"$/m,
    );
    expect(server.stdout()).toMatch(/^65507 bytes from 127\.0\.0\.1:\d+: "x{60}…"$/m); // long datagrams are cut in the log
    expect(server.stdout()).toMatch(/^0 bytes from 127\.0\.0\.1:\d+: ""$/m);
    expect(server.stderr()).toBe('');
  });

  it('listens on IPv6 loopback when asked', async () => {
    const server = await startServer('udp-server.ts', ['--host', '::1']);
    expect(server.stdout()).toContain(`listening on ::1:${server.port}`);
    expect((await roundTrip(server.port, Buffer.from('ação'), '::1')).toString()).toBe('ação');
  });

  it('stops cleanly with exit code 0 on SIGINT and on SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const server = await startServer('udp-server.ts');
      const started = Date.now();
      server.child.kill(signal);
      const { code } = await finish(server, 3000);
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('says in one line that the port is in use (EADDRINUSE), exit 1', async () => {
    const first = await startServer('udp-server.ts');
    const second = await finish(runExample('udp-server.ts', ['--port', String(first.port)]));
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(oneLineWith('EADDRINUSE'));
  });

  it.each([['--port', 'abc'], ['--port', '-1'], ['--port', '65536'], ['--bogus']])(
    'rejects %s %s with the usage line, exit 2',
    async (...args) => {
      const r = await finish(runExample('udp-server.ts', args));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: npx tsx examples/udp-server.ts');
      expect(r.stderr).not.toMatch(NO_STACK);
    },
  );
});

describe.concurrent('udp-client.ts', () => {
  it('sends its message and prints the reply', async () => {
    const server = await startServer('udp-server.ts');
    const r = await finish(
      runExample('udp-client.ts', ['--port', String(server.port), 'olá, mundo']),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^sent 11 bytes from 0\.0\.0\.0:\d+ to 127\.0\.0\.1:\d+\nreceived 11 bytes back: olá, mundo\n$/,
    );
    // The port the OS gave the client is the one the server saw.
    const clientPort = /from 0\.0\.0\.0:(\d+)/.exec(r.stdout)![1];
    await until(
      () => server.stdout().includes(`from 127.0.0.1:${clientPort}:`),
      2000,
      'the server log',
    );
  });

  it('gives up after its timeout when nobody answers, exit 1, one line', async () => {
    const port = await freePort();
    const started = Date.now();
    const r = await finish(
      runExample('udp-client.ts', ['--port', String(port), '--timeout', '300', 'ping']),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `no reply from 127.0.0.1:${port} after 300 ms (is a server running there?)\n`,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a message too big for one datagram (EMSGSIZE), exit 1', async () => {
    const server = await startServer('udp-server.ts');
    const r = await finish(
      runExample('udp-client.ts', ['--port', String(server.port), 'x'.repeat(65_508)]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(oneLineWith('EMSGSIZE'));
  });

  it.each([
    [],
    ['--port', '0', 'x'],
    ['--port', '70000', 'x'],
    ['--timeout', 'soon', 'x'],
    ['--bogus', 'x'],
  ])('rejects %s with the usage line, exit 2', async (...args) => {
    const r = await finish(runExample('udp-client.ts', args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: npx tsx examples/udp-client.ts');
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});

describe.concurrent('the echo server with standard clients', () => {
  it.runIf(has('nc'))('netcat-openbsd gets its line back, UTF-8 included', async () => {
    const server = await startServer('udp-server.ts');
    const nc = run('sh', ['-c', `printf 'olá, mundo\\n' | nc -u -w1 127.0.0.1 ${server.port}`]);
    const r = await finish(nc);
    expect(r.stdout).toBe('olá, mundo\n');
    expect(server.stdout()).toContain('"olá, mundo\\n"');
  });

  it.runIf(has('python3'))("Python's socket module gets its bytes back", async () => {
    const server = await startServer('udp-server.ts');
    const script = [
      'import socket, sys',
      's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
      's.settimeout(3)',
      `s.sendto('olá, mundo'.encode(), ('127.0.0.1', ${server.port}))`,
      'data, addr = s.recvfrom(2048)',
      'sys.stdout.write(data.decode())',
    ].join('\n');
    const r = await finish(run('python3', ['-c', script]));
    expect(r.stdout).toBe('olá, mundo');
  });
});

describe.concurrent('the commands exactly as the lesson shows them (npx tsx)', () => {
  it('npx tsx examples/udp-server.ts and examples/udp-client.ts work together', async () => {
    const server = run('npx', ['tsx', 'examples/udp-server.ts', '--port', '0']);
    await until(
      () => /listening on 127\.0\.0\.1:\d+\n/.test(server.stdout()),
      15_000,
      'npx tsx udp-server',
    );
    const port = /:(\d+)\n/.exec(server.stdout())![1];
    const client = await finish(
      run('npx', ['tsx', 'examples/udp-client.ts', '--port', port, 'olá, mundo']),
      15_000,
    );
    expect(client.code).toBe(0);
    expect(client.stdout).toContain('received 11 bytes back: olá, mundo');
    server.child.kill('SIGINT');
  });
});
