// The "timeouts and dead peers" lesson: what a write promises, application-level
// acknowledgements, idle timeouts and keepalive, a connect that never completes, and writes
// after the peer has closed. Every program runs as a learner runs it, on loopback.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'vitest';
import { loadExercise } from '../src/lib/exercise-registry.ts';
import { runChecks } from '../src/lib/exercise-runner.ts';
import { listeningPort } from '../src/lib/processes.ts';
import {
  PATIENCE_MS,
  finish,
  has,
  oneLineWith,
  root,
  run,
  runExample,
  startServer,
  until,
} from './processes.ts';

const NO_STACK = /^\s+at /m;

/** A client that connects and stays connected (as netcat does in the sessions). */
async function stay(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  /** Wait until as much as `expected` has come; it must be `expected`. */
  const receives = async (expected: string) => {
    const signal = AbortSignal.timeout(PATIENCE_MS);
    while (text.length < expected.length) await once(socket, 'data', { signal });
    if (text !== expected)
      throw new Error(`received ${JSON.stringify(text)}, not ${JSON.stringify(expected)}`);
  };
  return { socket, received: () => text, receives };
}

/** ss's rows about one server port, split into cells (with `state …`, ss prints no State column). */
function ssRows(args: string[], port: number): string[][] {
  const out = execFileSync('ss', [...args, `( sport = :${port} or dport = :${port} )`], {
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/));
}

/** ss -o's time left ("9.684ms" in iproute2 6.1 is 9 s 684 ms; "10sec"; "1min5sec"), in seconds. */
function secondsLeft(timer: string): number {
  const left = /timer:\(\w+,([^,]+),\d+\)/.exec(timer)![1];
  const m = /^(?:(\d+)min)?(?:(\d+)(?:sec|\.))?(?:(\d+)ms)?$/.exec(left)!;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 1000;
}

describe.concurrent('ack-server.ts and ack-client.ts', () => {
  it('a write to a server that never reads: the callback fires, no answer comes, the bytes wait in its kernel', async ({
    expect,
    skip,
  }) => {
    const server = await startServer('ack-server.ts', ['--deaf']);
    expect(server.stdout()).toBe(`ack server (deaf) listening on 127.0.0.1:${server.port}\n`);
    const started = Date.now();
    const r = await finish(
      runExample('ack-client.ts', ['--port', String(server.port), '--timeout', '300', 'pay 10']),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `connected to 127.0.0.1:${server.port}\nwrite callback: 7 bytes handed to the kernel\n`,
    );
    expect(r.stderr).toBe(
      `no answer from 127.0.0.1:${server.port} within 300 ms: did "pay 10" arrive? No way to know\n`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);

    if (!has('ss')) return skip('needs ss for the rest');
    const client = await stay(server.port);
    await new Promise((written) => client.socket.write('pay 10\n', written));
    // (The kernel's state, which no event tells: read until it shows the 7 bytes.)
    await until(
      () => ssRows(['-tn', 'state', 'established'], server.port).some((row) => row[0] === '7'),
      PATIENCE_MS,
      'Recv-Q 7',
    );
    const rows = ssRows(['-tn', 'state', 'established'], server.port);
    const ours = `127.0.0.1:${client.socket.localPort}`;
    // The server's side holds the 7 bytes unread; the client's side has nothing left to send:
    // TCP delivered them and the server's kernel acknowledged them.
    expect(
      rows.find((row) => row[2] === `127.0.0.1:${server.port}` && row[3] === ours)!.slice(0, 2),
    ).toEqual(['7', '0']);
    expect(rows.find((row) => row[2] === ours)!.slice(0, 2)).toEqual(['0', '0']);
    expect(client.received()).toBe('');
    client.socket.destroy();
  });

  it('the same message to a server that reads: "ok 1", then exit 0', async ({ expect }) => {
    const server = await startServer('ack-server.ts');
    const r = await finish(runExample('ack-client.ts', ['--port', String(server.port), 'pay 10']));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      `connected to 127.0.0.1:${server.port}\nwrite callback: 7 bytes handed to the kernel\nthe server answered "ok 1"\n`,
    );
    expect(server.stdout()).toMatch(/^127\.0\.0\.1:\d+ line 1: "pay 10", answering "ok 1"$/m);
  });

  it('acknowledges whole lines, counted per connection, however they are cut; a line cut by a FIN gets no "ok"', async ({
    expect,
  }) => {
    const server = await startServer('ack-server.ts');
    const a = await stay(server.port);
    a.socket.write('a\nb\nc\n'); // three lines in one write
    await a.receives('ok 1\nok 2\nok 3\n');
    // Half a line, and the rest in a later write (paced apart, so that they tend to arrive apart):
    // one line, "pay 10", acknowledged once.
    a.socket.write('pa');
    await sleep(100);
    a.socket.write('y 10\n');
    await a.receives('ok 1\nok 2\nok 3\nok 4\n');
    await server.waitFor('line 4: "pay 10", answering "ok 4"');
    const b = await stay(server.port);
    b.socket.write('x\n');
    await b.receives('ok 1\n'); // counted per connection
    b.socket.end('pay 2'); // FIN after half a line
    await server.waitFor('\'end\' after "pay 2"');
    expect(server.stdout()).toMatch(
      /^127\.0\.0\.1:\d+ 'end' after "pay 2": a line without its "\\n", cut short$/m,
    );
    a.socket.destroy();
    expect(server.stderr()).toBe('');
  });

  it('closes a connection whose line passes 64 KiB, and keeps serving', async ({ expect }) => {
    const server = await startServer('ack-server.ts');
    const big = await stay(server.port);
    big.socket.write('x'.repeat(70_000));
    await once(big.socket, 'close');
    await server.waitFor('error: a line longer than 65536 characters');
    const r = await finish(
      runExample('ack-client.ts', ['--port', String(server.port), 'still there?']),
    );
    expect(r.stdout).toContain('the server answered "ok 1"');
  });

  it('the client fails in one line when the server closes without answering', async ({
    expect,
  }) => {
    const closer = net.createServer((socket) =>
      socket
        .on('error', () => {})
        .resume()
        .end(),
    );
    await new Promise<void>((resolve) => closer.listen(0, '127.0.0.1', resolve));
    const port = (closer.address() as net.AddressInfo).port;
    const r = await finish(runExample('ack-client.ts', ['--port', String(port), 'pay 10']));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`127.0.0.1:${port} closed the connection without answering\n`);
    closer.close();
  });
});

describe.concurrent('idle timeouts and keepalive', () => {
  it("socket.setTimeout only fires 'timeout': the connection stays open until someone closes it", async ({
    expect,
  }) => {
    const server = net.createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect'); // (connecting counts as activity: the clock starts after it)
    let timeouts = 0;
    socket.setTimeout(100);
    socket.on('timeout', () => (timeouts += 1)); // (a callback given to setTimeout would be a one-time listener)
    const timeout = () => once(socket, 'timeout', { signal: AbortSignal.timeout(PATIENCE_MS) });
    await timeout();
    // A timer of 300 ms, set after the first 'timeout': the same event loop runs timers in the
    // order they are due, so a repeated 'timeout' (due 100 ms after the first) would come before it.
    await sleep(300);
    expect(timeouts).toBe(1); // once per silence, not repeated
    expect(socket.destroyed).toBe(false);
    expect(socket.writable && socket.readable).toBe(true);
    socket.write('x'); // traffic restarts the clock
    await timeout();
    expect(timeouts).toBe(2);
    socket.destroy();
    server.close();
  });

  it("--keepalive arms the kernel's keepalive timer on the server's sockets; without it, no timer (off by default)", async ({
    expect,
    skip,
  }) => {
    if (!has('ss')) return skip('needs ss');
    const server = await startServer('ack-server.ts', ['--keepalive', '10000']);
    const client = await stay(server.port);
    client.socket.write('pay 10\n');
    await client.receives('ok 1\n');
    const rows = ssRows(['-tno', 'state', 'established'], server.port);
    const serverSide = rows.find((row) => row[2] === `127.0.0.1:${server.port}`)!;
    const timer = serverSide.find((cell) => cell.startsWith('timer:('))!;
    expect(timer).toMatch(/^timer:\(keepalive,[^,]+,0\)$/);
    const left = secondsLeft(timer);
    expect(left).toBeGreaterThan(5);
    expect(left).toBeLessThanOrEqual(10);
    // The client's side (keepalive never turned on) has no timer.
    expect(
      rows
        .find((row) => row[2] === `127.0.0.1:${client.socket.localPort}`)!
        .some((cell) => cell.startsWith('timer:')),
    ).toBe(false);
    client.socket.destroy();

    const plain = await startServer('ack-server.ts');
    const other = await stay(plain.port);
    other.socket.write('pay 10\n');
    await other.receives('ok 1\n');
    expect(
      ssRows(['-tno', 'state', 'established'], plain.port)
        .flat()
        .some((cell) => cell.includes('keepalive')),
    ).toBe(false);
    other.socket.destroy();
  });

  it('the numbers the page computes from the sessions: 7875 s of keepalive, 127 s of SYN retries', ({
    expect,
  }) => {
    const golden = (name: string) =>
      readFileSync(join(root, 'examples/sessions', `${name}.txt`), 'utf8');
    const value = (text: string, name: string) =>
      Number(new RegExp(`${name}(?::|\\n)(\\d+)`).exec(text)![1]);
    const defaults = golden('timeouts-keepalive-defaults');
    const [time, intvl, probes] = [
      'tcp_keepalive_time',
      'tcp_keepalive_intvl',
      'tcp_keepalive_probes',
    ].map((n) => value(defaults, n));
    expect([time, intvl, probes]).toEqual([7200, 75, 9]);
    expect(time + probes * intvl).toBe(7875); // 2 h 11 min 15 s before a silent peer is declared dead
    // The first SYN, then `retries` more, each wait twice the last, from 1 s: 1 + 2 + … + 64.
    const retries = value(golden('timeouts-connect'), 'tcp_syn_retries');
    expect(retries).toBe(6);
    expect(Array.from({ length: retries + 1 }, (_, i) => 2 ** i).reduce((a, b) => a + b)).toBe(127);
  });
});

describe.concurrent('no-accept.py: a listener whose accept queue is full', () => {
  it('completes one handshake without accept(), then drops SYNs: the next connect hangs until the client gives up', async ({
    expect,
    skip,
  }) => {
    if (!has('python3')) return skip('needs python3');
    const server = run('python3', ['examples/no-accept.py', '--port', '0']);
    const port = await listeningPort(server);
    expect(server.stdout()).toBe(`no-accept server listening on 127.0.0.1:${port}\n`);
    // The first connection completes: the kernel answers the SYN; it waits in the queue.
    const first = await finish(
      runExample('ack-client.ts', ['--port', String(port), '--timeout', '300', 'one']),
    );
    expect(first.stdout).toContain(`connected to 127.0.0.1:${port}\n`);
    expect(first.stderr).toMatch(/^no answer from .* within 300 ms/);
    if (has('ss')) {
      const [listen] = ssRows(['-tln'], port);
      expect(listen.slice(0, 3)).toEqual(['LISTEN', '1', '0']); // one connection waiting; backlog 0
    }
    const started = Date.now();
    const second = await finish(
      runExample('ack-client.ts', ['--port', String(port), '--timeout', '500', 'two']),
    );
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(`could not connect to 127.0.0.1:${port} within 500 ms\n`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);

    // Without a timeout of its own, the kernel gives up after its SYN retries: ETIMEDOUT. With
    // one retry (TCP_SYNCNT 1, for this socket only) that is 1 + 2 = 3 s instead of 127 s.
    const syn = await finish(
      run('python3', [
        '-c',
        `import socket, time; s = socket.socket(); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 1); t = time.time()
try: s.connect(('127.0.0.1', ${port}))
except OSError as e: print(e.errno == 110, round((time.time() - t) * 1000))`,
      ]),
      PATIENCE_MS,
    );
    const [timedOut, ms] = syn.stdout.trim().split(' ');
    expect(timedOut).toBe('True'); // ETIMEDOUT
    // 1 + 2 s: the first SYN's wait, and the retry's, twice as long; a second retry would make 7 s.
    expect(Number(ms)).toBeGreaterThanOrEqual(2900);
    expect(Number(ms)).toBeLessThan(7000);
  });
  // (Its command line, a port in use and its signals: test/robustness/python.test.ts.)
});

describe.concurrent('late-client.ts: writing after the server has closed', () => {
  it.for(['300', '0'])(
    'with --pause %s: the first write is taken, the second fails with EPIPE',
    async (pause, { expect }) => {
      const server = await startServer('tcp-server.ts', ['--idle', '200']);
      const r = await finish(
        runExample('late-client.ts', ['--port', String(server.port), '--pause', pause]),
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(
        [
          `connected to 127.0.0.1:${server.port}; waiting for the server to close`,
          "'end': the server sent FIN, it will send nothing more",
          'write "first": no error, the kernel took 6 bytes',
          '',
        ].join('\n'),
      );
      expect(r.stderr).toMatch(oneLineWith('EPIPE'));
      // The server never saw "first": its socket was gone, its kernel answered with a RST.
      await server.waitFor('closed 127.0.0.1');
      expect(server.stdout()).toMatch(/: 0 bytes in, 0 bytes out$/m);
    },
  );

  it('gives up in one line when the server never closes', async ({ expect }) => {
    const server = await startServer('ack-server.ts');
    const r = await finish(
      runExample('late-client.ts', ['--port', String(server.port), '--timeout', '300']),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`127.0.0.1:${server.port} did not close within 300 ms\n`);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});

describe.concurrent('the tcp-ack check', () => {
  const solution = readFileSync(join(root, 'examples/exercises/tcp-ack/solution.ts'), 'utf8');
  const idleLine = 'socket.setTimeout(idle, () => socket.destroy());';

  /** Run the check on the solution with `idleLine` replaced; the names of the checks that fail. */
  async function failing(replacement: string): Promise<string[]> {
    if (!solution.includes(idleLine)) throw new Error(`solution.ts no longer has: ${idleLine}`);
    const dir = mkdtempSync(join(tmpdir(), 'tcp-ack-'));
    try {
      const file = join(dir, 'server.ts');
      writeFileSync(file, solution.replace(idleLine, replacement));
      const results = await runChecks(await loadExercise('tcp-ack'), file, root);
      return results.filter((r) => !r.passed).map((r) => r.name.en);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('tells an idle timeout from a deadline: a timer from the connection cuts off a client that keeps talking', async ({
    expect,
  }) => {
    expect(await failing('setTimeout(() => socket.destroy(), idle);')).toEqual([
      'a client that keeps talking is not disconnected: a line every 400 ms, for 1.2 s',
    ]);
  });

  it("fails a server that sets the idle timeout but never closes on 'timeout'", async ({
    expect,
  }) => {
    expect(await failing('socket.setTimeout(idle);')).toEqual([
      'a client that sends nothing is disconnected after 1,000 ms (the --idle default)',
      'a client that keeps talking is not disconnected: a line every 400 ms, for 1.2 s',
    ]);
  });
});
