// What an exercise is: the definitions that examples/exercises/<id>/check.ts uses and that the
// pages read (title, file, hints). No processes and no sockets here, nor in a check.ts: a check
// talks to the learner's program only through the `Program` it is given, so the page build can
// import every check.ts (src/lib/exercise-registry.ts) without the code that runs them.
// Running the checks is exercise-runner.ts; the `npm run check` command is check-command.ts.

export type Lang = 'pt' | 'en';

/**
 * How many times longer than its stated limits a check waits (CHECK_SLACK, default 1). The test
 * suite sets 3: two suites at once on a small machine can stall a program for over a second.
 * The messages keep the stated limits, which are what a learner's program is held to.
 */
export const SLACK = Math.max(1, Number(globalThis.process?.env.CHECK_SLACK) || 1);
export type Text = Record<Lang, string>;

/**
 * What a check can do with the learner's running program (see exercise-runner.ts). Every limit
 * is a stated one, in ms: the check waits SLACK times as long, and its message says the limit.
 */
export interface Program {
  /** The port it said it listens on. */
  port: number;
  /** Send one UDP datagram; the reply, or a CheckFailure after `limitMs` (a second). */
  udp(payload: string | Buffer, options?: { limitMs?: number }): Promise<Buffer>;
  /**
   * Send one UDP datagram and collect the replies: until `enough(replies)`, or `quietMs` (half a
   * second) pass with nothing new after a reply, or `limitMs` (a second) pass with none at all.
   */
  datagrams(
    payload: string | Buffer,
    options?: { enough?: (replies: Buffer[]) => boolean; quietMs?: number; limitMs?: number },
  ): Promise<Buffer[]>;
  /**
   * Write over a new TCP connection (one byte per packet `pauseMs` apart, if given), half-close
   * (unless `end` is false); every byte received until the close, or `bytes` bytes. The wait for
   * the reply (`timeoutMs`, a second) starts once the last byte is written.
   */
  tcp(
    payload: string | Buffer,
    options?: { end?: boolean; bytes?: number; timeoutMs?: number; pauseMs?: number },
  ): Promise<Buffer>;
  /** Like tcp(), one byte per packet, `pauseMs` (5) apart: the smallest pieces a stream can arrive in. */
  tcpByteByByte(
    payload: string | Buffer,
    options?: { pauseMs?: number; end?: boolean; bytes?: number; timeoutMs?: number },
  ): Promise<Buffer>;
  /**
   * Open a connection, over TLS if `tls` says whom to trust; a CheckFailure (with the error's
   * code) if it is refused or not made within `limitMs` (a second). Every connection a check
   * opens is closed when the check ends.
   */
  connect(options?: {
    tls?: { ca: string; servername?: string };
    limitMs?: number;
  }): Promise<Connection>;
  /** Bind a UDP socket of our own to the program's port, as a second program would, and let it go: the error code (EADDRINUSE), or undefined if the port was free. */
  bind(protocol: 'udp'): Promise<string | undefined>;
}

/** What Connection.read() waits for: the first that holds, or the end of the connection. */
export interface ReadUntil {
  /** This many bytes received in all. */
  bytes?: number;
  /** This many lines ("\n") received in all. */
  lines?: number;
  /** This text (as UTF-8 bytes) in what was received. */
  text?: string;
  /** The longest wait (1000 ms). */
  limitMs?: number;
}

/** How a connection ended, and when (in ms since it was opened). */
export interface Ending {
  /** 'FIN' (the other side ended it), an error code ('ECONNRESET': a RST), or 'closed' (this side closed it). */
  how: string;
  afterMs: number;
}

/**
 * One TCP (or TLS) connection, watched from the moment it opens: every byte it received and
 * sent, and how and when it ended. A check opens one with program.connect(); the same watch
 * fits a connection a check accepts (see ClientExercise).
 */
export interface Connection {
  /** This side's address and port, as its socket reports them. */
  readonly local: { address: string; port: number };
  /** Every byte received so far; the same read as UTF-8. */
  received(): Buffer;
  text(): string;
  /** Every byte this side sent so far. */
  sent(): Buffer;
  /** Write (one byte per packet, `pauseMs` apart, if given); resolves once all is handed to the socket. */
  send(data: string | Buffer, options?: { pauseMs?: number }): Promise<void>;
  /** Half-close: send FIN (after `data`, if any); the other side can still answer. */
  end(data?: string | Buffer): void;
  /** Tear the connection down with a RST (TCP only). */
  reset(): void;
  /** Close it now. */
  close(): void;
  /** Wait until `until` holds, or the connection ends, or the limit passes; resolves with every byte received (it never fails). */
  read(until?: ReadUntil): Promise<Buffer>;
  /** How it ended, once it has. */
  readonly ending: Ending | undefined;
  /** Wait for the end, at most `limitMs` (1000): how it ended, or undefined if it is still open. */
  ended(limitMs?: number): Promise<Ending | undefined>;
}

export interface Check {
  name: Text;
  hint?: Text;
  run: (program: Program) => Promise<void>;
}

/** What the pages and the check command read about an exercise. */
export interface ExerciseInfo {
  /** The lesson that sets the exercise, as its slug (e.g. "udp/echo"). */
  lesson: string;
  /** The file the learner edits, inside the exercise's folder. */
  file: string;
  /** How to ask the program whether it is up: a UDP datagram, a TCP line or an HTTP GET. */
  protocol: 'udp' | 'tcp' | 'http';
  title: Text;
}

/** An exercise where the learner writes a server, and the checks are its clients. */
export interface Exercise extends ExerciseInfo {
  kind?: 'server';
  checks: Check[];
  /**
   * Files the program needs before it starts (a certificate, say): written into `dir`, a new
   * temporary folder, removed once the checks end. Returns the arguments that name them
   * (e.g. ['--cert', dir/cert.pem]), given to the program after `--port 0`.
   */
  prepare?: (dir: string) => string[];
}

// The next kind, sketched and not run yet: the learner writes a client, and the check drives it.
// It starts a server of its own (or one of the course's), runs the learner's program with
// arguments, and judges its exit code, its output and what it sent on the wire.

/** An exercise where the learner writes the client (not run by exercise-runner.ts yet). */
export interface ClientExercise extends ExerciseInfo {
  kind: 'client';
  checks: { name: Text; hint?: Text; run: (learner: LearnerClient) => Promise<void> }[];
}

/** What a check of a ClientExercise can do. */
export interface LearnerClient {
  /** Listen on a free loopback port; each connection the learner's program opens arrives watched (its received() is what the program sent). */
  serve(answer: (connection: Connection) => Promise<void>): Promise<{ port: number }>;
  /** Or start one of the course's servers (e.g. 'udp-server.ts') on port 0. */
  start(example: string, args?: string[]): Promise<{ port: number }>;
  /** Run the learner's program with `args` to its end (at most `limitMs`): its exit code and output. */
  run(
    args: string[],
    options?: { stdin?: string; limitMs?: number },
  ): Promise<{ code: number; stdout: string; stderr: string }>;
}

/**
 * An exercise checked in a lab (topologies.ts): a small network of hosts, built for the checks and
 * removed after them (exercise-lab.ts runs them). The checks run the learner's program on one host
 * and reach it, or let it reach others, from another, through a `LabWorld`. It needs Linux and
 * root: the page shows `sudo npm run check -- ID`; elsewhere the check says so in one line.
 */
export interface LabExercise extends ExerciseInfo {
  kind: 'lab';
  /** The lab's name, as `npm run lab -- up NAME` takes it. */
  lab: string;
  /** What the learner writes: a server (it says `listening on …` and runs) or a client (it runs and exits). */
  role: 'server' | 'client';
  checks: { name: Text; hint?: Text; run: (lab: LabWorld) => Promise<void> }[];
}

/**
 * What a check of a LabExercise can do, on the lab's hosts (named by id: laptop, phone, server…).
 * What a check starts is stopped when it ends; every limit is a stated one (SLACK, above).
 */
export interface LabWorld {
  /** Start the learner's program on `host` with `args` (`--port 0` first); once it says `listening on ADDRESS:PORT`, that address and port. */
  serve(host: string, args?: string[]): Promise<{ address: string; port: number }>;
  /** Run the learner's program on `host` with `args` to its end, at most `limitMs` (10 s): its exit code, its output, and how long it ran. */
  run(
    host: string,
    args: string[],
    options?: { limitMs?: number },
  ): Promise<{ code: number; stdout: string; stderr: string; ms: number }>;
  /** Start one of the course's servers (examples/FILE) on `host`; resolves once it listens. */
  start(host: string, example: string, args?: string[]): Promise<void>;
  /**
   * From `host`, connect to ADDRESS:PORT over TCP, send `payload`, half-close and read until the
   * other side closes (at most `limitMs`, a second): what came back, or the error's code
   * (ECONNREFUSED, ETIMEDOUT when nothing came in time).
   */
  tcp(
    host: string,
    address: string,
    port: number,
    payload?: string,
    options?: { limitMs?: number },
  ): Promise<{ reply?: string; error?: string }>;
}

/** Any exercise: the learner writes a server (Exercise) or a program checked in a lab. */
export type AnyExercise = Exercise | LabExercise;

export function defineExercise(exercise: Exercise): Exercise {
  return exercise;
}

export function defineLabExercise(exercise: Omit<LabExercise, 'kind'>): LabExercise {
  return { kind: 'lab', ...exercise };
}

/** A failed check: what was expected and what happened, in both languages. */
export class CheckFailure extends Error {
  readonly detail: Text;
  /** The error code behind it, when a socket failed (ECONNREFUSED…). */
  readonly code: string | undefined;
  constructor(detail: Text, code?: string) {
    super(detail.en);
    this.detail = detail;
    this.code = code;
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
