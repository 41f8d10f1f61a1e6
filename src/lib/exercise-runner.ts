// Runs an exercise's checks against a learner's file: the file runs as a real process on a
// port the system picks (`--port 0`, with tsx, as `npx tsx` would), the checks talk to it over
// loopback, and each result says what passed and what did not, in both languages.
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckFailure,
  SLACK,
  show,
  type Check,
  type Exercise,
  type Lang,
  type Program,
  type Text,
} from './exercise.ts';
import { NotListening, listeningPort, start, typescript, type Process } from './processes.ts';

const START_LIMIT_MS = 8000;
const REPLY_LIMIT_MS = 1000;

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

/** Run every check of an exercise against `file`. */
export async function runChecks(
  exercise: Exercise,
  file: string,
  cwd: string,
  startLimitMs = START_LIMIT_MS,
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
      program = new Running(proc, await listeningPort(proc, startLimitMs));
      results.push({ name: START.name, passed: true });
    } catch (err) {
      results.push(failed(START, err instanceof NotListening ? notListening(err) : err));
      return results.concat(exercise.checks.map((c) => ({ name: c.name, passed: false })));
    }
    for (const check of exercise.checks) {
      try {
        await check.run(program);
        results.push({ name: check.name, passed: true });
      } catch (err) {
        results.push(failed(check, err));
      }
    }
  } finally {
    proc.stop();
    await proc.exited; // gone before the results are told (a learner's next run may want its port)
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

function notListening(err: NotListening): CheckFailure {
  const s = err.limitMs / 1000;
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

/** The learner's program, running, as the checks see it. */
class Running implements Program {
  readonly port: number;
  private readonly proc: Process;
  constructor(proc: Process, port: number) {
    this.proc = proc;
    this.port = port;
  }

  private gone(): number | undefined {
    const code = this.proc.child.exitCode ?? (this.proc.child.signalCode ? 128 : null);
    return code === null ? undefined : code;
  }

  async udp(payload: string | Buffer): Promise<Buffer> {
    const socket = createSocket('udp4');
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => {
          const code = this.gone();
          reject(
            new CheckFailure(
              code !== undefined
                ? {
                    pt: `o programa terminou (código ${code}) depois de receber ${show(payload)}.${stderrHead(this.proc.stderr(), 'pt')}`,
                    en: `the program ended (exit code ${code}) after it got ${show(payload)}.${stderrHead(this.proc.stderr(), 'en')}`,
                  }
                : {
                    pt: `enviado ${show(payload)}, e nenhuma resposta chegou em ${REPLY_LIMIT_MS} ms`,
                    en: `sent ${show(payload)}, and no reply came within ${REPLY_LIMIT_MS} ms`,
                  },
            ),
          );
        }, REPLY_LIMIT_MS * SLACK);
        socket.on('message', (reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
        socket.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        socket.send(payload, this.port, '127.0.0.1');
      });
    } finally {
      socket.close();
    }
  }

  tcp(
    payload: string | Buffer,
    { end = true, bytes = Infinity, timeoutMs = REPLY_LIMIT_MS } = {},
  ): Promise<Buffer> {
    return this.exchange(payload, { end, bytes, timeoutMs, pauseMs: undefined });
  }

  tcpByteByByte(
    payload: string | Buffer,
    { pauseMs = 5, end = true, bytes = Infinity, timeoutMs = REPLY_LIMIT_MS } = {},
  ): Promise<Buffer> {
    return this.exchange(payload, { end, bytes, timeoutMs, pauseMs });
  }

  /**
   * Write `payload` (all at once, or one byte per packet `pauseMs` apart), half-close unless
   * `end` is false, and collect what comes back until the server closes or `bytes` bytes came.
   * The wait for the reply (`timeoutMs`) starts once the last byte is written.
   */
  private async exchange(
    payload: string | Buffer,
    {
      end,
      bytes,
      timeoutMs,
      pauseMs,
    }: { end: boolean; bytes: number; timeoutMs: number; pauseMs: number | undefined },
  ): Promise<Buffer> {
    const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
    const socket = connect(this.port, '127.0.0.1');
    if (pauseMs !== undefined) socket.setNoDelay(true); // each byte in a packet of its own
    const chunks: Buffer[] = [];
    let received = 0;
    let timer: NodeJS.Timeout | undefined;
    const how =
      pauseMs === undefined
        ? { pt: 'por TCP', en: 'over TCP' }
        : { pt: 'por TCP, um byte de cada vez', en: 'over TCP one byte at a time' };
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          resolve(Buffer.concat(chunks));
        };
        socket.on('data', (chunk) => {
          chunks.push(chunk);
          received += chunk.length;
          if (received >= bytes) done();
        });
        socket.on('end', done);
        socket.on('error', (err) => {
          clearTimeout(timer);
          reject(
            new CheckFailure({
              pt: `erro na conexão TCP: ${err.message}`,
              en: `TCP connection error: ${err.message}`,
            }),
          );
        });
        socket.once('connect', async () => {
          if (pauseMs === undefined) socket.write(data);
          else {
            for (const byte of data) {
              if (socket.destroyed) return;
              socket.write(Buffer.from([byte]));
              await sleep(pauseMs);
            }
          }
          if (socket.destroyed) return;
          if (end) socket.end();
          timer = setTimeout(() => {
            if (received > 0 && bytes === Infinity) return done();
            reject(
              new CheckFailure({
                pt: `enviado ${show(payload)} ${how.pt}, e ${received ? `só ${received} bytes chegaram` : 'nenhuma resposta chegou'} em ${timeoutMs} ms`,
                en: `sent ${show(payload)} ${how.en}, and ${received ? `only ${received} bytes came back` : 'no reply came'} within ${timeoutMs} ms`,
              }),
            );
          }, timeoutMs * SLACK);
        });
      });
    } finally {
      clearTimeout(timer);
      socket.destroy();
    }
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
