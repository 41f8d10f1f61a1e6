// Exercises a learner checks with one command: `npm run check -- udp-upper`.
//
// Each exercise is a folder examples/exercises/<id>/ with
//   <file>.ts    the starter the learner edits (it runs, but does not do the job yet)
//   solution.ts  a reference solution
//   check.ts     what the check verifies: a list of checks, in both languages
// The check runs the learner's program as a real process on a port the system
// picks, talks to it over loopback, and says what passed and what did not.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Lang = 'pt' | 'en';
export type Text = Record<Lang, string>;

export interface Check {
  name: Text;
  hint?: Text;
  run: (program: Program) => Promise<void>;
}

export interface Exercise {
  /** The lesson that sets the exercise, as its slug (e.g. "udp/echo"). */
  lesson: string;
  /** The file the learner edits, inside the exercise's folder. */
  file: string;
  title: Text;
  checks: Check[];
}

export function defineExercise(exercise: Exercise): Exercise {
  return exercise;
}

/** A failed check: what was expected and what happened, in both languages. */
export class CheckFailure extends Error {
  constructor(readonly detail: Text) {
    super(detail.en);
  }
}

const show = (b: Buffer | string) => JSON.stringify(Buffer.isBuffer(b) ? b.toString('utf8') : b);

/** Fail unless `actual` is the text `expected`. */
export function expectText(sent: string, actual: Buffer, expected: string) {
  if (actual.toString('utf8') === expected && Buffer.from(expected).equals(actual)) return;
  throw new CheckFailure({
    pt: `enviado ${show(sent)}, esperado ${show(expected)}, recebido ${show(actual)}`,
    en: `sent ${show(sent)}, expected ${show(expected)}, got ${show(actual)}`,
  });
}

const START_LIMIT_MS = 8000;
const REPLY_LIMIT_MS = 1000;

/** The learner's program, running. */
export class Program {
  port = 0;
  private out = '';
  private err = '';
  private exited: number | null | undefined = undefined;
  private readonly child: ChildProcess;

  constructor(
    file: string,
    cwd: string,
    private readonly startLimitMs = START_LIMIT_MS,
  ) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    this.child = spawn(process.execPath, ['--import', tsx, file, '--port', '0'], {
      cwd,
      detached: true, // its own process group: stop() ends everything it started
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.err += d));
    this.child.on('exit', (code) => (this.exited = code));
  }

  /** Wait for `listening on HOST:PORT`; fail clearly if it crashes or never says it. */
  async started(): Promise<void> {
    const end = Date.now() + this.startLimitMs;
    while (Date.now() < end) {
      const m = /listening on \S+:(\d+)\r?\n/.exec(this.out);
      if (m) {
        this.port = Number(m[1]);
        return;
      }
      if (this.exited !== undefined) {
        throw new CheckFailure({
          pt: `o programa terminou (código ${this.exited}) antes de dizer "listening on HOST:PORTA".${this.stderrHead('pt')}`,
          en: `the program ended (exit code ${this.exited}) before it said "listening on HOST:PORT".${this.stderrHead('en')}`,
        });
      }
      await sleep(25);
    }
    throw new CheckFailure({
      pt: `o programa não disse "listening on HOST:PORTA" em ${this.startLimitMs / 1000} s (ficou travado?).${this.stderrHead('pt')}`,
      en: `the program did not say "listening on HOST:PORT" within ${this.startLimitMs / 1000} s (is it stuck?).${this.stderrHead('en')}`,
    });
  }

  private stderrHead(lang: Lang): string {
    const lines = this.err.trim().split('\n').filter(Boolean).slice(0, 6);
    if (!lines.length) return '';
    const label = lang === 'pt' ? 'Início do stderr' : 'Start of its stderr';
    return `\n${label}:\n${lines.map((l) => `  | ${l}`).join('\n')}`;
  }

  /** Send one UDP datagram and return the reply, or fail after a second. */
  async udp(payload: string | Buffer): Promise<Buffer> {
    const socket = createSocket('udp4');
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => {
          const gone = this.exited !== undefined;
          reject(
            new CheckFailure({
              pt: gone
                ? `o programa terminou (código ${this.exited}) depois de receber ${show(payload)}.${this.stderrHead('pt')}`
                : `enviado ${show(payload)}, e nenhuma resposta chegou em ${REPLY_LIMIT_MS} ms`,
              en: gone
                ? `the program ended (exit code ${this.exited}) after it got ${show(payload)}.${this.stderrHead('en')}`
                : `sent ${show(payload)}, and no reply came within ${REPLY_LIMIT_MS} ms`,
            }),
          );
        }, REPLY_LIMIT_MS);
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

  /**
   * Open a TCP connection, write `payload`, half-close (unless `end` is false) and
   * return every byte received until the server closes, or until `bytes` bytes came.
   * Fails if nothing came within `timeoutMs`.
   */
  async tcp(payload: string | Buffer, { end = true, bytes = Infinity, timeoutMs = REPLY_LIMIT_MS } = {}): Promise<Buffer> {
    const socket = connect(this.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        const done = () => resolve(Buffer.concat(chunks));
        const timer = setTimeout(() => {
          if (received > 0 && bytes === Infinity) return done();
          reject(
            new CheckFailure({
              pt: `enviado ${show(payload)} por TCP, e ${received ? `só ${received} bytes chegaram` : 'nenhuma resposta chegou'} em ${timeoutMs} ms`,
              en: `sent ${show(payload)} over TCP, and ${received ? `only ${received} bytes came back` : 'no reply came'} within ${timeoutMs} ms`,
            }),
          );
        }, timeoutMs);
        socket.on('data', (chunk) => {
          chunks.push(chunk);
          received += chunk.length;
          if (received >= bytes) {
            clearTimeout(timer);
            done();
          }
        });
        socket.on('end', () => {
          clearTimeout(timer);
          done();
        });
        socket.on('error', (err) => {
          clearTimeout(timer);
          reject(new CheckFailure({ pt: `erro na conexão TCP: ${err.message}`, en: `TCP connection error: ${err.message}` }));
        });
        socket.write(payload);
        if (end) socket.end();
      });
    } finally {
      socket.destroy();
    }
  }

  /**
   * Like tcp(), but writes `payload` one byte at a time, `pauseMs` apart, each byte in a
   * packet of its own (no Nagle): a peer whose messages arrive in the smallest pieces.
   * The wait for the reply (`timeoutMs`) starts once the last byte is written.
   */
  async tcpByteByByte(
    payload: string | Buffer,
    { pauseMs = 5, end = true, bytes = Infinity, timeoutMs = REPLY_LIMIT_MS } = {},
  ): Promise<Buffer> {
    const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
    const socket = connect(this.port, '127.0.0.1');
    socket.setNoDelay(true);
    const chunks: Buffer[] = [];
    let received = 0;
    let timer: NodeJS.Timeout | undefined;
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
          reject(new CheckFailure({ pt: `erro na conexão TCP: ${err.message}`, en: `TCP connection error: ${err.message}` }));
        });
        socket.once('connect', async () => {
          for (const byte of data) {
            if (socket.destroyed) return;
            socket.write(Buffer.from([byte]));
            await sleep(pauseMs);
          }
          if (socket.destroyed) return;
          if (end) socket.end();
          timer = setTimeout(() => {
            if (received > 0 && bytes === Infinity) return done();
            reject(
              new CheckFailure({
                pt: `enviado ${show(payload)} por TCP, um byte de cada vez, e ${received ? `só ${received} bytes chegaram` : 'nenhuma resposta chegou'} em ${timeoutMs} ms`,
                en: `sent ${show(payload)} over TCP one byte at a time, and ${received ? `only ${received} bytes came back` : 'no reply came'} within ${timeoutMs} ms`,
              }),
            );
          }, timeoutMs);
        });
      });
    } finally {
      clearTimeout(timer);
      socket.destroy();
    }
  }

  stop() {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export interface Result {
  name: Text;
  passed: boolean;
  detail?: Text;
  hint?: Text;
}

const START: Check = {
  name: { pt: 'o programa inicia e diz em que porta escuta', en: 'the program starts and says which port it listens on' },
  hint: {
    pt: 'rode o arquivo você mesmo (npx tsx ARQUIVO) e leia o erro; a primeira linha deve ser "... listening on HOST:PORTA".',
    en: 'run the file yourself (npx tsx FILE) and read the error; its first line must be "... listening on HOST:PORT".',
  },
  run: async () => {},
};

/** Run every check of an exercise against `file`. */
export async function runChecks(exercise: Exercise, file: string, cwd: string, startLimitMs?: number): Promise<Result[]> {
  const program = new Program(file, cwd, startLimitMs);
  const results: Result[] = [];
  try {
    try {
      await program.started();
      results.push({ name: START.name, passed: true });
    } catch (err) {
      results.push(failed(START, err));
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
    program.stop();
  }
  return results;
}

function failed(check: Check, err: unknown): Result {
  const detail =
    err instanceof CheckFailure ? err.detail : { pt: String((err as Error).message), en: String((err as Error).message) };
  return { name: check.name, passed: false, detail, hint: check.hint };
}

// ---------------------------------------------------------------- the command

export const root = fileURLToPath(new URL('../../', import.meta.url));
const exercisesDir = join(root, 'examples/exercises');

export function exerciseIds(): string[] {
  if (!existsSync(exercisesDir)) return [];
  return readdirSync(exercisesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(exercisesDir, d.name, 'check.ts')))
    .map((d) => d.name)
    .sort();
}

export async function loadExercise(id: string): Promise<Exercise> {
  return (await import(pathToFileURL(join(exercisesDir, id, 'check.ts')).href)).default;
}

export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const wanted = flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^pt/i.test(wanted) ? 'pt' : 'en';
}

const UI = {
  pt: {
    usage: 'uso: npm run check -- EXERCÍCIO [--lang pt|en] [--file ARQUIVO]',
    list: 'Exercícios (confira um com npm run check -- NOME):',
    unknown: (id: string) => `não existe exercício "${id}".`,
    lesson: 'lição',
    checking: (id: string, file: string) => `Conferindo ${id} em ${file}`,
    missing: (file: string) => `o arquivo ${file} não existe.`,
    summary: (ok: number, all: number) => `${ok} de ${all} verificações passaram.`,
    done: 'Tudo certo: o exercício está resolvido!',
    hint: 'Dica',
    notRun: 'não verificado',
  },
  en: {
    usage: 'usage: npm run check -- EXERCISE [--lang pt|en] [--file FILE]',
    list: 'Exercises (check one with npm run check -- NAME):',
    unknown: (id: string) => `there is no exercise "${id}".`,
    lesson: 'lesson',
    checking: (id: string, file: string) => `Checking ${id} in ${file}`,
    missing: (file: string) => `the file ${file} does not exist.`,
    summary: (ok: number, all: number) => `${ok} of ${all} checks passed.`,
    done: 'All good: the exercise is solved!',
    hint: 'Hint',
    notRun: 'not checked',
  },
};

/** `npm run check -- [ID] [--lang pt|en] [--file FILE]`; returns the exit code. */
export async function main(args: string[], print = console.log): Promise<number> {
  const { parseArgs } = await import('node:util');
  let values: { lang?: string; file?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { lang: { type: 'string' }, file: { type: 'string' } },
    }));
  } catch (err) {
    print(`${(err as Error).message}\n${UI[pickLang(undefined)].usage}`);
    return 2;
  }
  const lang = pickLang(values.lang);
  const ui = UI[lang];
  const ids = exerciseIds();
  const list = async () => {
    for (const id of ids) {
      const ex = await loadExercise(id);
      print(`  ${id.padEnd(14)} ${ex.title[lang]} (${ui.lesson} ${ex.lesson}, examples/exercises/${id}/${ex.file})`);
    }
  };
  const [id] = positionals;
  if (!id) {
    print(ui.list);
    await list();
    return 0;
  }
  if (!ids.includes(id)) {
    print(`${ui.unknown(id)}\n${ui.list}`);
    await list();
    return 2;
  }
  const exercise = await loadExercise(id);
  const file = values.file ?? join(exercisesDir, id, exercise.file);
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) {
    print(ui.missing(shown));
    return 2;
  }
  print(`${ui.checking(id, shown)}\n`);
  const results = await runChecks(exercise, file, root);
  for (const r of results) {
    const mark = r.passed ? '✓' : r.detail ? '✗' : '·';
    print(`  ${mark} ${r.name[lang]}${!r.passed && !r.detail ? ` (${ui.notRun})` : ''}`);
    if (r.detail) print(r.detail[lang].replace(/^/gm, '      '));
  }
  const ok = results.filter((r) => r.passed).length;
  print(`\n${ui.summary(ok, results.length)}`);
  const first = results.find((r) => !r.passed && r.hint);
  if (ok === results.length) print(ui.done);
  else if (first?.hint) print(`${ui.hint}: ${first.hint[lang]}`);
  return ok === results.length ? 0 : 1;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
