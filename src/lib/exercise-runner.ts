// Runs an exercise's checks against a learner's file, and each result says what passed and what
// did not, in both languages. A server exercise: the file runs as a real process on a port the
// system picks (`--port 0`, with tsx, as `npx tsx` would), and the checks talk to it over
// loopback through a `Program` (src/lib/exercise.ts). A client exercise: each check starts a
// server of its own (or one of the course's) and runs the file against it, with arguments, to its
// end, through a `LearnerClient`. Starting, waiting for and stopping programs is the process
// toolkit's (processes.ts), with or without process groups (Windows has none).
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { once, type EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as connectTls } from 'node:tls';
import {
  CheckFailure,
  SLACK,
  brief,
  fail,
  quantity,
  ranWith,
  seeded,
  show,
  type CheckInfo,
  type ClientCheck,
  type ClientExercise,
  type Exercise,
  type Connection,
  type Datagram,
  type Ending,
  type Lang,
  type LearnerClient,
  type Program,
  type Ran,
  type ReadUntil,
  type Result,
  type ServerExercise,
  type TcpServed,
  type Text,
  type UdpServed,
} from './exercise.ts';
import { runLabChecks } from './exercise-lab.ts';
import {
  NotListening,
  listeningPort,
  repositoryRoot,
  start,
  typescript,
  within,
  type Process,
} from './processes.ts';

const START_LIMIT_MS = 8000;
const REPLY_LIMIT_MS = 1000;
const QUIET_MS = 500;
const RUN_LIMIT_MS = 1000;

const START: CheckInfo = {
  name: {
    pt: 'o programa inicia e diz em que porta escuta',
    en: 'the program starts and says which port it listens on',
  },
  hint: {
    pt: 'rode o arquivo você mesmo (npx tsx ARQUIVO) e leia o erro; a primeira linha deve ser "... listening on HOST:PORTA".',
    en: 'run the file yourself (npx tsx FILE) and read the error; its first line must be "... listening on HOST:PORT".',
  },
};

const RUNS: CheckInfo = {
  name: {
    pt: 'o programa roda e termina (--help mostra o uso)',
    en: 'the program runs and ends (--help prints its usage)',
  },
  hint: {
    pt: 'rode o arquivo você mesmo (npx tsx ARQUIVO --help) e leia o erro.',
    en: 'run the file yourself (npx tsx FILE --help) and read the error.',
  },
};

export interface RunOptions {
  /** How long the program may take to start (a server: to say where it listens; a client: to answer --help). */
  startLimitMs?: number;
  /** A client exercise's seed (a random one if not given): the same seed repeats the same run. */
  seed?: number;
  /**
   * A client exercise's checks all at once rather than one after the other (each has servers of
   * its own, and most of a check's time is a timeout running out): the same results, sooner.
   */
  together?: boolean;
}

/** Run every check of an exercise against `file`; what it started is gone when this resolves. */
export async function runChecks(
  exercise: Exercise,
  file: string,
  cwd: string,
  options: RunOptions = {},
): Promise<Result[]> {
  if (exercise.kind === 'lab') return runLabChecks(exercise, file, cwd, options); // in a lab: exercise-lab.ts
  return exercise.kind === 'client'
    ? runClientChecks(exercise, file, cwd, options)
    : runServerChecks(exercise, file, cwd, options);
}

async function runServerChecks(
  exercise: ServerExercise,
  file: string,
  cwd: string,
  { startLimitMs = START_LIMIT_MS }: RunOptions,
): Promise<Result[]> {
  const dir = exercise.prepare && mkdtempSync(join(tmpdir(), 'exercise-files-'));
  const proc = start(
    typescript(file, ['--port', '0', ...(dir ? exercise.prepare!(dir) : [])], { tsx: true }),
    { cwd },
  );
  const results: Result[] = [];
  try {
    let program: Running;
    try {
      program = new Running(proc, await listeningPort(proc, startLimitMs * SLACK));
      results.push({ name: START.name, passed: true });
    } catch (err) {
      const why = err instanceof NotListening ? notListening(err, startLimitMs) : err;
      results.push(failed(START, why));
      return results.concat(exercise.checks.map((c) => ({ name: c.name, passed: false })));
    }
    for (const check of exercise.checks) {
      try {
        await check.run(program);
        results.push({ name: check.name, passed: true });
      } catch (err) {
        results.push(failed(check, err));
      } finally {
        program.closeAll();
      }
    }
  } finally {
    await proc.stop(); // gone before the results are told (a learner's next run may want its port)
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function failed(check: CheckInfo, err: unknown, seed?: number): Result {
  const detail =
    err instanceof CheckFailure
      ? err.detail
      : { pt: String((err as Error).message), en: String((err as Error).message) };
  const again =
    seed === undefined
      ? { pt: '', en: '' }
      : {
          pt: `\n(seed ${seed}: acrescente --seed ${seed} ao comando para repetir esta rodada)`,
          en: `\n(seed ${seed}: add --seed ${seed} to the command to repeat this run)`,
        };
  return {
    name: check.name,
    passed: false,
    detail: { pt: detail.pt + again.pt, en: detail.en + again.en },
    hint: check.hint,
  };
}

/**
 * A client exercise: first the program must run at all (`--help`, which also measures how long
 * it takes to start here); then each check sets up its servers and runs it, and everything the
 * check started is stopped before the next one.
 */
async function runClientChecks(
  exercise: ClientExercise,
  file: string,
  cwd: string,
  {
    startLimitMs = START_LIMIT_MS,
    seed = randomInt(100_000, 1_000_000),
    together = false,
  }: RunOptions,
): Promise<Result[]> {
  const results: Result[] = [];
  const help = start(typescript(file, ['--help'], { tsx: true }), { cwd });
  const began = performance.now();
  let startMs: number;
  try {
    const code = await within(help.exited, AbortSignal.timeout(startLimitMs * SLACK)).catch(
      () => undefined,
    );
    const s = startLimitMs / 1000;
    if (code === undefined)
      throw new CheckFailure({
        pt: `rodado com --help, o programa não terminou em ${s} s (ficou travado?).${stderrHead(help.stderr(), 'pt')}`,
        en: `run with --help, the program did not end within ${s} s (is it stuck?).${stderrHead(help.stderr(), 'en')}`,
      });
    if (code !== 0 || !/usage:/i.test(help.stdout()))
      throw new CheckFailure({
        pt: `rodado com --help, o programa terminou (código ${code}) sem mostrar "usage: …".${stderrHead(help.stderr(), 'pt')}`,
        en: `run with --help, the program ended (exit code ${code}) without printing "usage: …".${stderrHead(help.stderr(), 'en')}`,
      });
    startMs = performance.now() - began;
    results.push({ name: RUNS.name, passed: true });
  } catch (err) {
    results.push(failed(RUNS, err));
    return results.concat(exercise.checks.map((c) => ({ name: c.name, passed: false })));
  } finally {
    await help.stop();
  }
  const outcome = async (check: ClientCheck, i: number): Promise<Result> => {
    const learner = new Learner(file, cwd, seeded(seed * 1000 + i), startMs);
    try {
      await check.run(learner);
      learner.rethrow();
      return { name: check.name, passed: true };
    } catch (err) {
      return failed(check, err, learner.drew ? seed : undefined);
    } finally {
      await learner.close();
    }
  };
  if (together) return results.concat(await Promise.all(exercise.checks.map(outcome)));
  for (const [i, check] of exercise.checks.entries()) results.push(await outcome(check, i));
  return results;
}

/** The first lines of what a program wrote on stderr, to show under a failure. */
function stderrHead(stderr: string, lang: Lang): string {
  const lines = stderr.trim().split('\n').filter(Boolean).slice(0, 6);
  if (!lines.length) return '';
  const label = lang === 'pt' ? 'Início do stderr' : 'Start of its stderr';
  return `\n${label}:\n${lines.map((l) => `  | ${l}`).join('\n')}`;
}

function notListening(err: NotListening, limitMs: number): CheckFailure {
  const s = limitMs / 1000;
  return new CheckFailure(
    err.exitCode === undefined
      ? {
          pt: `o programa não disse "listening on HOST:PORTA" em ${s} s (ficou travado?).${stderrHead(err.stderr, 'pt')}`,
          en: `the program did not say "listening on HOST:PORT" within ${s} s (is it stuck?).${stderrHead(err.stderr, 'en')}`,
        }
      : {
          pt: `o programa terminou (código ${err.exitCode}) antes de dizer "listening on HOST:PORTA".${stderrHead(err.stderr, 'pt')}`,
          en: `the program ended (exit code ${err.exitCode}) before it said "listening on HOST:PORT".${stderrHead(err.stderr, 'en')}`,
        },
  );
}

/**
 * Wait until `done()` holds, looking again at each of `events`: true once it does, false when
 * `limitMs` (a stated limit, so SLACK times as long) passes first.
 */
async function until(
  emitter: EventEmitter,
  events: string[],
  done: () => boolean,
  limitMs: number,
): Promise<boolean> {
  if (done()) return true;
  const signal = AbortSignal.timeout(limitMs * SLACK);
  return new Promise((resolve) => {
    const check = () => done() && settle(true);
    const timeUp = () => settle(false);
    const settle = (result: boolean) => {
      for (const event of events) emitter.off(event, check);
      signal.removeEventListener('abort', timeUp);
      resolve(result);
    };
    for (const event of events) emitter.on(event, check);
    signal.addEventListener('abort', timeUp, { once: true });
  });
}

const bytesOf = (data: string | Buffer) => (Buffer.isBuffer(data) ? data : Buffer.from(data));

type TcpOptions = Parameters<Program['tcp']>[1];

/** The learner's program, running, as the checks see it. */
class Running implements Program {
  readonly port: number;
  private readonly proc: Process;
  private readonly open = new Set<Connection>();
  constructor(proc: Process, port: number) {
    this.proc = proc;
    this.port = port;
  }

  /** Close what the last check left open. */
  closeAll() {
    for (const connection of this.open) connection.close();
    this.open.clear();
  }

  async udp(payload: string | Buffer, { limitMs = REPLY_LIMIT_MS } = {}): Promise<Buffer> {
    const [reply] = await this.datagrams(payload, { enough: (r) => r.length > 0, limitMs });
    if (reply) return reply;
    const code = this.proc.exitCode;
    throw new CheckFailure(
      code !== undefined
        ? {
            pt: `o programa terminou (código ${code}) depois de receber ${show(payload)}.${stderrHead(this.proc.stderr(), 'pt')}`,
            en: `the program ended (exit code ${code}) after it got ${show(payload)}.${stderrHead(this.proc.stderr(), 'en')}`,
          }
        : {
            pt: `enviado ${show(payload)}, e nenhuma resposta chegou em ${limitMs} ms`,
            en: `sent ${show(payload)}, and no reply came within ${limitMs} ms`,
          },
    );
  }

  async datagrams(
    payload: string | Buffer,
    {
      enough = () => false,
      quietMs = QUIET_MS,
      limitMs = REPLY_LIMIT_MS,
    }: { enough?: (replies: Buffer[]) => boolean; quietMs?: number; limitMs?: number } = {},
  ): Promise<Buffer[]> {
    const socket = createSocket('udp4');
    const replies: Buffer[] = [];
    let error: Error | undefined;
    socket.on('message', (reply) => replies.push(reply));
    socket.on('error', (err) => (error = err));
    try {
      socket.send(payload, this.port, '127.0.0.1');
      for (let seen = 0; !enough(replies); seen = replies.length) {
        const more = () => replies.length > seen || error !== undefined;
        if (!(await until(socket, ['message', 'error'], more, seen ? quietMs : limitMs))) break;
        if (error) throw error;
      }
      return replies;
    } finally {
      socket.close();
    }
  }

  async tcp(
    payload: string | Buffer,
    { end = true, bytes = Infinity, timeoutMs = REPLY_LIMIT_MS, pauseMs }: TcpOptions = {},
  ): Promise<Buffer> {
    const connection = await this.connect();
    try {
      await connection.send(payload, { pauseMs });
      if (end) connection.end();
      const reply = await connection.read({ bytes, limitMs: timeoutMs });
      const how = connection.ending?.how;
      if (how !== undefined && how !== 'FIN' && how !== 'closed') {
        throw new CheckFailure({
          pt: `erro na conexão TCP: ${how}`,
          en: `TCP connection error: ${how}`,
        });
      }
      if (how || reply.length >= bytes || (reply.length > 0 && bytes === Infinity)) return reply;
      const way =
        pauseMs === undefined
          ? { pt: 'por TCP', en: 'over TCP' }
          : { pt: 'por TCP, um byte de cada vez', en: 'over TCP one byte at a time' };
      throw new CheckFailure({
        pt: `enviado ${show(payload)} ${way.pt}, e ${reply.length ? `só ${reply.length} bytes chegaram` : 'nenhuma resposta chegou'} em ${timeoutMs} ms`,
        en: `sent ${show(payload)} ${way.en}, and ${reply.length ? `only ${reply.length} bytes came back` : 'no reply came'} within ${timeoutMs} ms`,
      });
    } finally {
      connection.close();
    }
  }

  tcpByteByByte(payload: string | Buffer, options: TcpOptions = {}): Promise<Buffer> {
    return this.tcp(payload, { pauseMs: 5, ...options });
  }

  async connect({
    tls,
    limitMs = REPLY_LIMIT_MS,
  }: { tls?: { ca: string; servername?: string }; limitMs?: number } = {}): Promise<Connection> {
    const socket = tls
      ? connectTls({
          host: '127.0.0.1',
          port: this.port,
          ca: tls.ca,
          servername: tls.servername ?? 'localhost',
        })
      : connectTcp(this.port, '127.0.0.1');
    const connection = watch(socket);
    this.open.add(connection);
    try {
      await once(socket, tls ? 'secureConnect' : 'connect', {
        signal: AbortSignal.timeout(limitMs * SLACK),
      });
      return connection;
    } catch (err) {
      connection.close();
      const timedOut = (err as Error).name === 'AbortError';
      const code = timedOut
        ? 'ETIMEDOUT'
        : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
      if (tls)
        throw new CheckFailure(
          timedOut
            ? {
                pt: `o handshake TLS não terminou em ${limitMs} ms`,
                en: `the TLS handshake did not end within ${limitMs} ms`,
              }
            : {
                pt: `a conexão TLS falhou: ${code}, ainda no handshake`,
                en: `the TLS connection failed: ${code}, still in the handshake`,
              },
          code,
        );
      throw new CheckFailure(
        timedOut
          ? {
              pt: `a conexão TCP não foi aceita em ${limitMs} ms`,
              en: `the TCP connection was not accepted within ${limitMs} ms`,
            }
          : {
              pt: `erro na conexão TCP: ${(err as Error).message}`,
              en: `TCP connection error: ${(err as Error).message}`,
            },
        code,
      );
    }
  }

  async bind(protocol: 'udp'): Promise<string | undefined> {
    const socket = createSocket(`${protocol}4`);
    try {
      socket.bind(this.port, '127.0.0.1');
      await once(socket, 'listening');
      return undefined;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    } finally {
      socket.close();
    }
  }
}

/**
 * What a client check works with: its servers, the course's servers it started, and the runs of
 * the learner's program. close() stops all of it.
 */
class Learner implements LearnerClient {
  /** Did the check draw a random number (so its failure says the seed)? */
  drew = false;
  private readonly file: string;
  private readonly cwd: string;
  private readonly draw: () => number;
  /** How long the program took to start and answer --help (see run()). */
  private readonly startMs: number;
  private readonly closers: (() => void)[] = [];
  private readonly processes: Process[] = [];
  private readonly errors: unknown[] = [];
  private closed = false;
  /** When the program under way first reached one of the check's servers. */
  private contact: number | undefined;
  constructor(file: string, cwd: string, draw: () => number, startMs: number) {
    this.file = file;
    this.cwd = cwd;
    this.draw = draw;
    this.startMs = startMs;
  }

  random(): number {
    this.drew = true;
    return this.draw();
  }

  async serve(answer: (connection: Connection) => void | Promise<void>): Promise<TcpServed> {
    const connections: Connection[] = [];
    // allowHalfOpen: the program's FIN (it has sent everything) does not end our side too.
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      this.contact ??= performance.now();
      const connection = watch(socket);
      connections.push(connection);
      this.closers.push(() => connection.close());
      if (this.closed) return connection.close();
      Promise.resolve()
        .then(() => answer(connection))
        .catch((err: unknown) => this.errors.push(err));
    });
    this.closers.push(() => server.close());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { port: (server.address() as AddressInfo).port, connections };
  }

  async serveUdp(answer: (datagram: Datagram) => void): Promise<UdpServed> {
    const socket = createSocket('udp4');
    const datagrams: Datagram[] = [];
    socket.on('error', () => {}); // a reply to a program that has ended (ECONNREFUSED) is no failure
    socket.on('message', (data, from) => {
      this.contact ??= performance.now();
      const replied: number[] = [];
      const send = (payload: Buffer) => {
        if (this.closed) return;
        replied.push(performance.now());
        socket.send(payload, from.port, from.address);
      };
      datagrams.push({
        data,
        at: performance.now(),
        replied,
        reply: (payload, delayMs = 0) => {
          if (delayMs <= 0) return send(bytesOf(payload));
          const timer = setTimeout(() => send(bytesOf(payload)), delayMs);
          this.closers.push(() => clearTimeout(timer));
        },
      });
      try {
        answer(datagrams.at(-1)!);
      } catch (err) {
        this.errors.push(err);
      }
    });
    this.closers.push(() => socket.close());
    socket.bind(0, '127.0.0.1');
    await once(socket, 'listening');
    return { port: socket.address().port, datagrams };
  }

  async start(example: string, args: string[] = []): Promise<{ port: number; output(): string }> {
    const proc = start(
      typescript(join(repositoryRoot, 'examples', example), ['--port', '0', ...args]),
      { cwd: this.cwd },
    );
    this.processes.push(proc);
    const port = await listeningPort(proc, START_LIMIT_MS * SLACK);
    return { port, output: () => proc.output() };
  }

  async run(
    args: string[],
    {
      stdin,
      limitMs = RUN_LIMIT_MS,
      scene,
    }: { stdin?: string; limitMs?: number; scene?: Text } = {},
  ): Promise<Ran> {
    const proc = start(typescript(this.file, args, { tsx: true }), {
      cwd: this.cwd,
      stdin: stdin ?? 'ignore',
    });
    this.processes.push(proc);
    const startedAt = performance.now();
    this.contact = undefined;
    // The limit counts from the program's start: its first datagram or connection to the check's
    // servers, or else twice what --help took (a busy machine may be slower to start it). That
    // first contact, if it comes late, moves the deadline once.
    const deadline = () =>
      Math.max(startedAt + 2 * this.startMs, this.contact ?? 0) + limitMs * SLACK;
    let code: number | undefined;
    while (code === undefined && performance.now() < deadline()) {
      const left = AbortSignal.timeout(Math.ceil(deadline() - performance.now()));
      code = await within(proc.exited, left).catch(() => undefined);
    }
    if (code === undefined) {
      await proc.stop();
      const printed = proc.stdout();
      fail(
        ranWith(args, scene),
        {
          pt: `o programa termina em ${quantity(limitMs, 'pt')} ms`,
          en: `the program ends within ${quantity(limitMs, 'en')} ms`,
        },
        {
          pt: `ainda rodando, ${printed ? `tendo escrito ${brief(printed)}` : 'sem ter escrito nada'}`,
          en: `still running, ${printed ? `having printed ${brief(printed)}` : 'having printed nothing'}`,
        },
      );
    }
    return {
      args,
      code,
      stdout: proc.stdout(),
      stderr: proc.stderr(),
      startedAt,
      endedAt: performance.now(),
    };
  }

  /** A failure in a check's own server (a bug of the check, not of the program). */
  rethrow() {
    if (this.errors.length) throw this.errors[0];
  }

  /** Stop all of it: servers, timers, connections, and the programs (a program that will not stop is an error). */
  async close() {
    this.closed = true;
    for (const close of this.closers.splice(0)) {
      try {
        close();
      } catch {
        // already closed
      }
    }
    await Promise.all(this.processes.splice(0).map((proc) => proc.stop()));
  }
}

/** Watch a connection from now on: what it receives and sends, and how and when it ends. */
export function watch(socket: Socket): Connection {
  const chunks: Buffer[] = [];
  const sent: Buffer[] = [];
  let bytes = 0;
  let lines = 0;
  let openedAt = performance.now();
  let ending: Ending | undefined;
  const endAs = (how: string) =>
    (ending ??= { how, afterMs: Math.round(performance.now() - openedAt) });
  socket.once('connect', () => (openedAt = performance.now()));
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  socket.on('end', () => endAs('FIN'));
  socket.on('error', (err: NodeJS.ErrnoException) => endAs(err.code ?? err.message));
  socket.on('close', () => endAs('closed'));
  const received = () => {
    if (chunks.length > 1) chunks.splice(0, chunks.length, Buffer.concat(chunks));
    return chunks[0] ?? Buffer.alloc(0);
  };
  const write = (data: Buffer) => {
    if (!socket.writable) return false;
    sent.push(data);
    socket.write(data);
    return true;
  };
  return {
    get local() {
      return { address: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    },
    received,
    text: () => received().toString('utf8'),
    sent: () => Buffer.concat(sent),
    async send(data, { pauseMs } = {}) {
      if (pauseMs === undefined) return void write(bytesOf(data));
      socket.setNoDelay(true); // each byte in a packet of its own
      for (const byte of bytesOf(data)) {
        if (!write(Buffer.from([byte]))) return;
        await sleep(pauseMs);
      }
    },
    end(data) {
      if (data !== undefined && socket.writable) sent.push(bytesOf(data));
      if (data === undefined) socket.end();
      else socket.end(data);
    },
    reset: () => void socket.resetAndDestroy(),
    pause: () => void socket.pause(),
    close: () => void socket.destroy(),
    async read({ bytes: b, lines: l, text, enough, limitMs = REPLY_LIMIT_MS }: ReadUntil = {}) {
      const done = () =>
        ending !== undefined ||
        (b !== undefined && bytes >= b) ||
        (l !== undefined && lines >= l) ||
        (text !== undefined && received().includes(text)) ||
        (enough !== undefined && enough(received()));
      await until(socket, ['data', 'end', 'close'], done, limitMs);
      return received();
    },
    get ending() {
      return ending;
    },
    async ended(limitMs = REPLY_LIMIT_MS) {
      await until(socket, ['end', 'close'], () => ending !== undefined, limitMs);
      return ending;
    },
  };
}
