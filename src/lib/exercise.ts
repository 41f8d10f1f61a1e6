// What an exercise is: the definitions that examples/exercises/<id>/check.ts uses and that the
// pages read (title, file, hints). No processes and no sockets here: the page build imports it.
// Running the checks is exercise-runner.ts; the `npm run check` command is check-command.ts.

export type Lang = 'pt' | 'en';

/**
 * How many times longer than its stated limits a check waits (CHECK_SLACK, default 1). The test
 * suite sets 3: two suites at once on a small machine can stall a program for over a second.
 * The messages keep the stated limits, which are what a learner's program is held to.
 */
export const SLACK = Math.max(1, Number(globalThis.process?.env.CHECK_SLACK) || 1);
export type Text = Record<Lang, string>;

/** What a check can do with the learner's running program (see exercise-runner.ts). */
export interface Program {
  /** The port it said it listens on. */
  port: number;
  /** Send one UDP datagram; the reply, or a CheckFailure after a second. */
  udp(payload: string | Buffer): Promise<Buffer>;
  /** Write over a new TCP connection, half-close (unless `end` is false); every byte received until the close, or `bytes` bytes. */
  tcp(
    payload: string | Buffer,
    options?: { end?: boolean; bytes?: number; timeoutMs?: number },
  ): Promise<Buffer>;
  /** Like tcp(), one byte per packet, `pauseMs` apart: the smallest pieces a stream can arrive in. */
  tcpByteByByte(
    payload: string | Buffer,
    options?: { pauseMs?: number; end?: boolean; bytes?: number; timeoutMs?: number },
  ): Promise<Buffer>;
}

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
  /** How to ask the program whether it is up: a UDP datagram, a TCP line or an HTTP GET. */
  protocol: 'udp' | 'tcp' | 'http';
  title: Text;
  checks: Check[];
  /**
   * Files the program needs before it starts (a certificate, say): written into `dir`, a new
   * temporary folder, removed once the checks end. Returns the arguments that name them
   * (e.g. ['--cert', dir/cert.pem]), given to the program after `--port 0`.
   */
  prepare?: (dir: string) => string[];
}

export function defineExercise(exercise: Exercise): Exercise {
  return exercise;
}

/** A failed check: what was expected and what happened, in both languages. */
export class CheckFailure extends Error {
  readonly detail: Text;
  constructor(detail: Text) {
    super(detail.en);
    this.detail = detail;
  }
}

/** A value as a learner reads it in a message: JSON, bytes decoded as UTF-8. */
export const show = (b: Buffer | string) =>
  JSON.stringify(Buffer.isBuffer(b) ? b.toString('utf8') : b);

/** Fail unless `actual` is the text `expected`. */
export function expectText(sent: string, actual: Buffer, expected: string) {
  if (actual.toString('utf8') === expected && Buffer.from(expected).equals(actual)) return;
  throw new CheckFailure({
    pt: `enviado ${show(sent)}, esperado ${show(expected)}, recebido ${show(actual)}`,
    en: `sent ${show(sent)}, expected ${show(expected)}, got ${show(actual)}`,
  });
}
