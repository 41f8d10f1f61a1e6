// Runs an exercise's checks against a learner's file: the file runs as a real process on a
// port the system picks (`--port 0`, with tsx, as `npx tsx` would), the checks talk to it over
// loopback through a `Program` (src/lib/exercise.ts), and each result says what passed and what
// did not, in both languages. Starting, waiting for and stopping the program is the process
// toolkit's (processes.ts), with or without process groups (Windows has none).
import { createSocket } from 'node:dgram';
import { once, type EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as connectTls } from 'node:tls';
import {
  CheckFailure,
  SLACK,
  show,
  type AnyExercise,
  type Check,
  type Connection,
  type Ending,
  type Lang,
  type Program,
  type ReadUntil,
  type Text,
} from './exercise.ts';
import { runLabChecks } from './exercise-lab.ts';
import { NotListening, listeningPort, start, typescript, type Process } from './processes.ts';

const START_LIMIT_MS = 8000;
const REPLY_LIMIT_MS = 1000;
const QUIET_MS = 500;

export interface Result {
  name: Text;
  passed: boolean;
  detail?: Text;
  hint?: Text;
}

const START: Check = {
  name: {
    pt: 'o programa inicia e diz em que porta escuta',
    en: 'the program starts and says which port it listens on',
  },
  hint: {
    pt: 'rode o arquivo você mesmo (npx tsx ARQUIVO) e leia o erro; a primeira linha deve ser "... listening on HOST:PORTA".',
    en: 'run the file yourself (npx tsx FILE) and read the error; its first line must be "... listening on HOST:PORT".',
  },
  run: async () => {},
};

/** Run every check of an exercise against `file`; the program is gone when this resolves. */
export async function runChecks(
  exercise: AnyExercise,
  file: string,
  cwd: string,
  { startLimitMs = START_LIMIT_MS } = {},
): Promise<Result[]> {
  if (exercise.kind === 'lab') return runLabChecks(exercise, file, cwd); // in a lab: exercise-lab.ts
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

function failed(check: Check, err: unknown): Result {
  const detail =
    err instanceof CheckFailure
      ? err.detail
      : { pt: String((err as Error).message), en: String((err as Error).message) };
  return { name: check.name, passed: false, detail, hint: check.hint };
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
    close: () => void socket.destroy(),
    async read({ bytes: b, lines: l, text, limitMs = REPLY_LIMIT_MS }: ReadUntil = {}) {
      const enough = () =>
        ending !== undefined ||
        (b !== undefined && bytes >= b) ||
        (l !== undefined && lines >= l) ||
        (text !== undefined && received().includes(text));
      await until(socket, ['data', 'end', 'close'], enough, limitMs);
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
