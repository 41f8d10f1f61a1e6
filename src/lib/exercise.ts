// What an exercise is: the definitions that examples/exercises/<id>/check.ts uses and that the
// pages read (title, file, hints). No processes and no sockets here, nor in a check.ts: a check
// talks to the learner's program only through the `Program` it is given (a server exercise) or
// the `LearnerClient` (a client exercise), so the page build can import every check.ts
// (src/lib/exercise-registry.ts) without the code that runs them.
// Running the checks is exercise-runner.ts; the `npm run check` command is check-command.ts.

export type Lang = 'pt' | 'en';

/**
 * How many times longer than its stated limits a check waits (src/lib/slack.ts). The messages keep
 * the stated limits, which are what a learner's program is held to.
 */
export { SLACK } from './slack.ts';
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
  /** This holds of what was received. */
  enough?: (received: Buffer) => boolean;
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
 * sent, and how and when it ended. A check opens one with program.connect(); a client check
 * gets one for each connection its server accepts (LearnerClient.serve).
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
  /**
   * Stop reading, as a client that no longer reads: what arrives waits in the kernel until its
   * buffers are full, and then the other side's writes wait, or pile up in its memory.
   */
  pause(): void;
  /** Close it now. */
  close(): void;
  /** Wait until `until` holds, or the connection ends, or the limit passes; resolves with every byte received (it never fails). */
  read(until?: ReadUntil): Promise<Buffer>;
  /** How it ended, once it has. */
  readonly ending: Ending | undefined;
  /** Wait for the end, at most `limitMs` (1000): how it ended, or undefined if it is still open. */
  ended(limitMs?: number): Promise<Ending | undefined>;
}

/** What the pages and the check command show of a check: its name and its hint. */
/** What one check says: passed or not, what happened and a hint. */
export interface Result {
  name: Text;
  passed: boolean;
  detail?: Text;
  hint?: Text;
}

export interface CheckInfo {
  name: Text;
  hint?: Text;
}

export interface Check extends CheckInfo {
  run: (program: Program) => Promise<void>;
}

/** What the pages and the check command read about an exercise. */
export interface ExerciseInfo {
  /** The lesson that sets the exercise, as its slug (e.g. "udp/echo"). */
  lesson: string;
  /** The file the learner edits, inside the exercise's folder. */
  file: string;
  /** A server: how to ask it whether it is up (a UDP datagram, a TCP line or an HTTP GET). A client: what it speaks. */
  protocol: 'udp' | 'tcp' | 'http';
  title: Text;
  checks: readonly CheckInfo[];
  /**
   * The learner writes the whole program: the starter holds only the command-line tail and a
   * comment saying what to build, and the exercise's region is everything above the tail
   * (test/examples.test.ts holds both files to that). The untouched starter ends at once.
   */
  scratch?: boolean;
}

/** An exercise where the learner writes a server, and the checks are its clients. */
export interface ServerExercise extends ExerciseInfo {
  kind?: 'server';
  checks: Check[];
  /**
   * Files the program needs before it starts (a certificate, say): written into `dir`, a new
   * temporary folder, removed once the checks end. Returns the arguments that name them
   * (e.g. ['--cert', dir/cert.pem]), given to the program after `--port 0`.
   */
  prepare?: (dir: string) => string[];
}

/**
 * An exercise where the learner writes a client, and the checks drive it: each starts a server
 * of its own (serve, serveUdp) or one of the course's (start), runs the learner's program with
 * arguments to its end (run), and judges its exit code, its output and what it sent.
 */
export interface ClientExercise extends ExerciseInfo {
  kind: 'client';
  checks: ClientCheck[];
}

export interface ClientCheck extends CheckInfo {
  run: (learner: LearnerClient) => Promise<void>;
}

/** Any exercise: the learner writes a server, a client the checks drive, or a program checked in a lab. */
export type Exercise = ServerExercise | ClientExercise | LabExercise;

/**
 * What a check of a ClientExercise can do. Everything it starts (servers, programs, timers) is
 * stopped when the check ends. Times are on the checker's clock (performance.now(), in ms).
 */
export interface LearnerClient {
  /**
   * A number in [0, 1) from a generator seeded with the run's seed and this check's place: the
   * same seed (`npm run check -- ID --seed N`) draws the same numbers. A check that draws says
   * the seed when it fails.
   */
  random(): number;
  /** Listen for TCP on a free loopback port; each connection arrives watched (its received() is what the program sent) and is handed to `answer`. */
  serve(answer: (connection: Connection) => void | Promise<void>): Promise<TcpServed>;
  /** Listen for UDP on a free loopback port; each datagram is handed to `answer`, which may reply to it, at once or later. */
  serveUdp(answer: (datagram: Datagram) => void): Promise<UdpServed>;
  /** Start one of the course's servers (e.g. 'dns-server.ts', in examples/) on port 0, with `args`. */
  start(example: string, args?: string[]): Promise<{ port: number; output(): string }>;
  /**
   * Run the learner's program with `args` to its end: its exit code and output. A CheckFailure
   * if it has not ended `limitMs` (a second) after it started (SLACK times that, plus twice the
   * time --help took, for its start); `scene` says what the check set up, for that message.
   */
  run(args: string[], options?: { stdin?: string; limitMs?: number; scene?: Text }): Promise<Ran>;
}

/** A TCP server a check started: its port, and every connection it accepted so far. */
export interface TcpServed {
  port: number;
  connections: Connection[];
}

/** A UDP server a check started: its port, and every datagram it received so far. */
export interface UdpServed {
  port: number;
  datagrams: Datagram[];
}

/** A datagram a check's UDP server received. */
export interface Datagram {
  data: Buffer;
  /** When it came. */
  at: number;
  /** Send `data` back to where it came from, at once or after `delayMs`. */
  reply(data: string | Buffer, delayMs?: number): void;
  /** When each reply to it left. */
  readonly replied: readonly number[];
}

/** How a run of the learner's program went. */
export interface Ran {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  startedAt: number;
  endedAt: number;
}

export function defineExercise(exercise: ServerExercise): ServerExercise {
  return exercise;
}

export function defineClientExercise(exercise: Omit<ClientExercise, 'kind'>): ClientExercise {
  return { kind: 'client', ...exercise };
}

export function defineLabExercise(exercise: Omit<LabExercise, 'kind'>): LabExercise {
  return { kind: 'lab', ...exercise };
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
  /** Start one of the course's servers (examples/FILE) on `host`; resolves once it listens, with what it has printed so far, at any time. */
  start(host: string, example: string, args?: string[]): Promise<{ output(): string }>;
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
  /**
   * From `host`, send one UDP datagram to ADDRESS:PORT from a connected socket and collect what
   * comes back: until `quietMs` (300) pass with nothing new after a datagram, or `limitMs` (a
   * second) with none at all. The datagrams, or the error's code (ECONNREFUSED: an ICMP port
   * unreachable came back).
   */
  udp(
    host: string,
    address: string,
    port: number,
    payload: string,
    options?: { limitMs?: number; quietMs?: number },
  ): Promise<{ replies: Buffer[]; error?: string }>;
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

/**
 * A generator of numbers in [0, 1) that gives the same ones for the same seed (mulberry32: small,
 * and plenty for choosing which datagram to drop).
 */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A quantity as the course writes it in `lang`: 1.300 in Portuguese, 1,300 in English. */
export const quantity = (n: number, lang: Lang) => n.toLocaleString(lang === 'pt' ? 'pt-BR' : 'en');

/** Fail a client check: what it set up and ran, what it expected, what it got. */
export function fail(did: Text, expected: Text, got: Text): never {
  throw new CheckFailure({
    pt: `${did.pt}: esperado: ${expected.pt}; recebido: ${got.pt}`,
    en: `${did.en}: expected: ${expected.en}; got: ${got.en}`,
  });
}

/** The arguments of a run as a message shows them: without --host, --server and --port, which only say where the check's server is. */
export function shownArgs(args: readonly string[]): string {
  const shown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (['--host', '--server', '--port'].includes(args[i])) i++;
    else if (args[i].length > 40) shown.push(`${JSON.stringify(args[i].slice(0, 12))}…`);
    else shown.push(/^[\w./:-]+$/.test(args[i]) ? args[i] : JSON.stringify(args[i]));
  }
  return shown.join(' ');
}

/** "ran with …": a run's arguments, and what the check's server did (`scene`), in both languages. */
export function ranWith(args: readonly string[], scene?: Text): Text {
  const shown = shownArgs(args);
  const pt = shown ? `rodado com ${shown}` : 'rodado sem argumentos';
  const en = shown ? `ran with ${shown}` : 'ran with no arguments';
  return scene ? { pt: `${pt} (${scene.pt})`, en: `${en} (${scene.en})` } : { pt, en };
}

/** Text as a message shows it (see `show`), cut after `max` characters. */
export const brief = (text: string, max = 200) =>
  text.length > max ? `${show(text.slice(0, max))}…` : show(text);

/** What a run ended with: its exit code, stdout and (if any) stderr. */
export function outcome(ran: Ran): Text {
  const stderr = ran.stderr.trim() ? `, stderr ${brief(ran.stderr)}` : '';
  return {
    pt: `código de saída ${ran.code}, stdout ${brief(ran.stdout)}${stderr}`,
    en: `exit code ${ran.code}, stdout ${brief(ran.stdout)}${stderr}`,
  };
}
