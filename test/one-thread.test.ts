// The lesson "One thread, many clients" (tcp/one-thread): a blocking Python server serves one
// client at a time; Node's event loop serves them together, until a callback holds the thread.
// Every server runs as a reader runs it, on port 0, on loopback.
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { listeningPort } from '../src/lib/processes.ts';
import { finish, has, run, runExample, startServer } from './processes.ts';

const NO_STACK = /^\s+at .*[:(]|Traceback/m;

/** examples/many-clients.ts against a port: its exit code and its lines. */
async function clients(port: number, args: string[] = []) {
  const r = await finish(runExample('many-clients.ts', ['--port', String(port), ...args]), 20_000);
  return { code: r.code, stderr: r.stderr, lines: r.stdout.trim().split('\n') };
}

/** Ask over a new connection (request, then FIN); the answer and the time it took. */
async function ask(port: number, text: string) {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  socket.end(text);
  let answer = '';
  socket.setEncoding('utf8');
  for await (const chunk of socket) answer += chunk;
  return { answer, ms: Date.now() - started };
}

const lines = (...seconds: number[]) =>
  seconds.map((s, i) => `client ${i + 1}: "CLIENT ${i + 1}" after ${s} s`);

describe.runIf(has('python3'))('blocking-server.py', () => {
  const startPython = async (args: string[] = ['0']) => {
    const server = run('python3', ['examples/blocking-server.py', ...args]);
    return Object.assign(server, { port: await listeningPort(server) });
  };

  it('serves one client at a time: the second and third wait for the ones before', async () => {
    const server = await startPython();
    expect(server.stdout()).toBe(`blocking server listening on 127.0.0.1:${server.port}\n`);
    const r = await clients(server.port);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual(lines(1, 2, 3));
  });

  it('lets clients connect while it works: the system does the handshake, the backlog keeps them', async () => {
    const server = await startPython();
    void ask(server.port, 'first').catch(() => {});
    await sleep(200); // inside time.sleep(1)
    const started = Date.now();
    const sockets = [connect(server.port, '127.0.0.1'), connect(server.port, '127.0.0.1')];
    await Promise.all(sockets.map((s) => new Promise((r) => s.on('connect', r))));
    expect(Date.now() - started).toBeLessThan(500);
    for (const s of sockets) s.destroy();
  });

  it('keeps serving after a client that resets, and answers in capitals, accents too', async () => {
    const server = await startPython();
    const rude = connect(server.port, '127.0.0.1');
    rude.on('error', () => {});
    await new Promise((r) => rude.on('connect', r));
    rude.write('hello');
    rude.resetAndDestroy();
    expect((await ask(server.port, 'olá')).answer).toBe('OLÁ');
    expect(server.stderr()).not.toMatch(NO_STACK);
  });

  it('exits 0 within 1 s on SIGINT (Ctrl+C) and on SIGTERM, also while it works', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const server = await startPython();
      void ask(server.port, 'busy').catch(() => {});
      await sleep(200); // inside time.sleep(1)
      const started = Date.now();
      server.child.kill(signal);
      const r = await finish(server, 3000);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('a bad port: usage, exit 2; a taken port: one line, exit 1', async () => {
    for (const bad of ['abc', '-1', '65536', '--port']) {
      const r = await finish(run('python3', ['examples/blocking-server.py', bad]));
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/^usage: python3 examples\/blocking-server.py/);
    }
    const first = await startPython();
    const second = await finish(
      run('python3', ['examples/blocking-server.py', String(first.port)]),
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `cannot listen on 127.0.0.1:${first.port}: Address already in use (EADDRINUSE)\n`,
    );
  });
});

describe('slow-server.ts and many-clients.ts', () => {
  it('with a timer, the three clients are answered together, after 1 s', async () => {
    const server = await startServer('slow-server.ts');
    expect(server.stdout()).toBe(`slow server (timer) listening on 127.0.0.1:${server.port}\n`);
    expect((await clients(server.port)).lines).toEqual(lines(1, 1, 1));
  });

  it('with a busy loop, back to one at a time: 1, 2 and 3 s', async () => {
    const server = await startServer('slow-server.ts', ['--work', 'busy']);
    expect((await clients(server.port)).lines).toEqual(lines(1, 2, 3));
  });

  it('with the loop in worker threads, four clients are answered together again', async () => {
    // Not shown as a transcript: starting a thread takes longer on a loaded machine.
    const server = await startServer('slow-server.ts', ['--work', 'worker']);
    const started = Date.now();
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((t) => ask(server.port, t)));
    expect(answers.map((a) => a.answer)).toEqual(['A', 'B', 'C', 'D']);
    for (const { ms } of answers) expect(ms).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(3500); // one at a time would take 4 s
  });

  it('does not even handle Ctrl+C while a busy callback runs', async () => {
    const server = await startServer('slow-server.ts', ['--work', 'busy', '--delay', '1500']);
    void ask(server.port, 'busy').catch(() => {});
    await sleep(300); // the loop has started
    const started = Date.now();
    server.child.kill('SIGINT');
    expect((await finish(server, 5000)).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700); // it had to finish its loop first
  });

  it('answers in capitals, accents too, and keeps only the first KiB of a request', async () => {
    const server = await startServer('slow-server.ts', ['--delay', '0']);
    expect((await ask(server.port, 'olá, mundo')).answer).toBe('OLÁ, MUNDO');
    expect((await ask(server.port, 'x'.repeat(100_000))).answer).toBe('X'.repeat(1024));
  });

  it('many-clients.ts: --clients', async () => {
    const server = await startServer('slow-server.ts', ['--delay', '0']);
    expect((await clients(server.port, ['--clients', '5'])).lines).toEqual(lines(0, 0, 0, 0, 0));
  });
});
