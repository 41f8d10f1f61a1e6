// Runs a terminal session for real and returns its transcript (see session.ts).
//
// How a session runs (what the output then becomes is normalise.ts):
// 1. Ports. A server step runs with `--port 0` (or with the real port already
//    chosen for the session's port, so a TCP and a UDP server can share it, as
//    they would on the reader's machine); its `listening on HOST:PORT` line
//    tells the real port. Every later command gets that real port: in place of
//    the session's port where the command names it, or as `--port N` appended
//    to an example that relies on its default. Ports in `closedPorts` become a
//    port that the OS has just reported free. The output is then rewritten by the
//    rules in normalise.ts (ports written back as the reader sees them, ephemeral
//    ports, PIDs, tables aligned again, ss rows sorted, Python tracebacks).
// 2. `npx tsx FILE` runs as `node FILE`: the same program (Node strips the types
//    itself), without npx's and tsx's start-up (one test runs the literal npx command).
// 3. Programs that are not ours (netcat). A server is ready when it prints
//    `listening on HOST:PORT` or, as netcat-openbsd does with -v, `Bound on HOST PORT`.
//    A `start` command that is not an example and names the session's port as a word
//    (`nc -u -l 127.0.0.1 12000`) gets the real port there, or 0 (the OS chooses) for
//    the first server. Ctrl+C ends such a program by the signal itself (a shell shows
//    exit status 130): that counts as a clean stop.
// 4. Typed input. `stdin` on a `start` step is what the reader types into that program,
//    line by line, each once the program has printed nothing for a moment; the terminal
//    echoes it, so the transcript shows it. A server (an example, or a command with a
//    listen flag such as `nc -l`/`nc -ul`) gets it when it has printed something after
//    its ready line (someone wrote to it), at the start of the next step; every program
//    then settles before that step runs. Any other program (a client: `nc -u 127.0.0.1 12000`)
//    gets it right away; its step is over once it is quiet, and it either ends by itself
//    (exit code 0) or by a later `interrupt`. Its input stays open (no Ctrl+D).
//    (`stdin` on a `run` step is unchanged: given at once, then end of input, not shown.)
// 5. Every session runs in a scratch folder of its own, which holds `examples/` (a link to
//    the course's): files a command writes (a certificate, a key) never land in the
//    course, and sessions running at once never see each other's files.
// 6. A session that runs a system program (nc, lsof, ss…) that is not installed fails
//    at once, naming it; `missingTools()` lets a test skip it instead.
// 7. Packet captures. A `start` step that runs `sudo tcpdump …` captures the session's own
//    traffic on loopback. The session's port is chosen before any step (a free port), so
//    that the capture can filter on it before the server starts; the server then gets it.
//    It runs without `sudo` (captures need root or CAP_NET_RAW: `missingTools()` says so
//    where they are not allowed) and with `-l --immediate-mode`, which hand over each packet
//    at once and change nothing it prints. It is ready once it says `listening on IFACE`;
//    only what it prints on stdout (the packets) is its output: its messages on stderr
//    (listening on…, N packets captured) depend on tcpdump's version. Before its Ctrl+C,
//    the runner sends one datagram of its own to a port nobody uses (the capture's filter
//    also takes that port) and waits until tcpdump prints it: every packet before it has
//    then been printed, however busy the machine. That datagram, and the ICMP answer it may
//    get, are not shown.
// 8. A session that lists sockets by port (`ss`, `lsof`) or captures packets gets its port
//    before any step: a free port below the kernel's ephemeral range (which the kernel never
//    hands out by itself, to this test run or another one) that no socket uses in any state,
//    so that no other program's packets or sockets (a connection in TIME-WAIT with that port
//    at its far end, say) are in its transcript.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalise } from './normalise.ts';
import {
  LISTENING,
  freePort,
  installed,
  portBelowEphemeral,
  start,
  typescript,
} from './processes.ts';
import {
  INTERRUPT,
  commandOf,
  formatTranscript,
  type Session,
  type TerminalLine,
} from './session.ts';

const STEP_LIMIT_MS = 15_000;
const QUIET_MS = 150;
const ANSWER_MS = 1000; // rule 4: how long a typed line may wait for an answer

export interface RunOptions {
  /** The folder that holds examples/ (the repository, or a copy in a test). */
  root: string;
}

interface Running {
  child: ChildProcess;
  /** Signal its whole process group (SIGKILL by default). */
  stop: (signal?: NodeJS.Signals) => void;
  lines: TerminalLine[];
  /** What the terminal shows that was not moved into `lines` yet. */
  output: { text: string };
  /** Everything it printed on stderr (a capture's readiness message is there). */
  stderr: () => string;
  lastOutputAt: number;
  exited: Promise<number | null>;
  /** Characters printed so far (rule 4 types into a server once this grows after its ready line). */
  printed: number;
  /** Set when the program has ended, with the signal that ended it, if any. */
  ended?: { signal: NodeJS.Signals | null };
  /** The command as the reader typed it. */
  command: string;
  /** Rule 7: a packet capture. */
  capture?: boolean;
}

/** Rule 4: what the reader will type into a server once someone has written to it. */
interface Answer {
  proc: Running;
  text: string;
  printedWhenReady: number;
}

export async function runSession(session: Session, { root }: RunOptions): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'session-')); // rule 5
  symlinkSync(join(root, 'examples'), join(scratch, 'examples'));
  try {
    return await runIn(scratch, session);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function runIn(root: string, session: Session): Promise<string> {
  const terminals = new Map<string, TerminalLine[]>();
  const running = new Map<string, Running>();
  const ports = new Map<number, number>(); // shown port -> real port
  const answers: Answer[] = []; // rule 4
  const missing = missingTools(session);
  if (missing.length)
    throw new Error(`this session needs what this machine lacks: ${missing.join(', ')}`);
  for (const shown of session.closedPorts ?? []) ports.set(shown, await freePort());
  // Rule 8: a session that lists sockets (ss, lsof) gets a port no socket uses, in any state.
  if (listsSockets(session)) ports.set(session.port, await unwatchedPort());
  let marker: number | undefined; // rule 7: the port of the datagram that ends a capture
  if (capturesPackets(session)) {
    ports.set(session.port, await unwatchedPort());
    do marker = await freePort();
    while (marker === ports.get(session.port));
  }

  let previousStepEnded = 0;
  try {
    for (const [index, step] of session.steps.entries()) {
      if (index > 0) previousStepEnded = Date.now();
      const lines = terminals.get(step.in) ?? [];
      terminals.set(step.in, lines);
      const where = `step ${index + 1} (terminal "${step.in}")`;
      if (answers.length) await typeAnswers(answers, running);

      if ('interrupt' in step) {
        const proc = running.get(step.in);
        if (!proc) throw new Error(`${where}: nothing is running there to interrupt`);
        if (proc.capture && marker !== undefined)
          await withLimit(
            allCaptured(proc, marker),
            `${where}: the capture did not see its end marker`,
          );
        await quiet(proc, previousStepEnded);
        flush(proc);
        if (proc.ended)
          throw new Error(`${where}: the program had already ended by itself\n${proc.output.text}`);
        lines.push({ kind: 'interrupt', text: INTERRUPT });
        proc.stop('SIGINT');
        const code = await withLimit(
          proc.exited,
          `${where}: the program did not stop after Ctrl+C`,
        );
        flush(proc);
        if (proc.capture && marker !== undefined) dropMarker(lines, marker);
        running.delete(step.in);
        answers.splice(0, answers.length, ...answers.filter((a) => a.proc !== proc));
        const endedByCtrlC = endedBy(proc) === 'SIGINT' && !runsExample(proc.command); // rule 3
        if (code !== 0 && !endedByCtrlC)
          throw new Error(
            `${where}: exit code ${code} after Ctrl+C, expected 0\n${proc.output.text}`,
          );
        continue;
      }

      const shown = commandOf(step)!;
      lines.push({ kind: 'command', text: shown });
      const argv = realCommand(shown, session, ports, 'start' in step, marker);
      // Rule 4: on a start step, stdin is typed in later, line by line.
      const typed = 'start' in step && 'stdin' in step ? String(step.stdin) : undefined;
      const capture = 'start' in step && isCapture(shown);
      const proc = launch(
        argv,
        root,
        lines,
        typed === undefined && 'stdin' in step ? step.stdin : undefined,
        typed !== undefined,
        capture,
      );
      proc.command = shown;
      proc.capture = capture;

      if ('start' in step && typed !== undefined && !isServerCommand(shown)) {
        // Rule 4: a client the reader types into right away.
        running.set(step.in, proc);
        await withLimit(
          typeLines(proc, typed, running),
          `${where}: "${shown}" could not be typed into`,
        );
        await quiet(proc);
        if (proc.ended) {
          const code = await proc.exited;
          flush(proc);
          running.delete(step.in);
          if (code !== 0)
            throw new Error(
              `${where}: "${shown}" ended by itself with exit code ${code}, expected 0\n${proc.output.text}`,
            );
        }
      } else if (capture) {
        running.set(step.in, proc); // rule 7
        await withLimit(
          waitFor(proc, CAPTURING),
          `${where}: "${shown}" never said it was capturing`,
        );
      } else if ('start' in step) {
        running.set(step.in, proc);
        const match = await withLimit(
          waitFor(proc, LISTENING),
          `${where}: "${shown}" never printed its "listening on HOST:PORT" line`,
        );
        const real = Number(match[1]);
        const shownPort = shownPortOf(shown, session);
        if (!ports.has(shownPort)) ports.set(shownPort, real);
        if (typed !== undefined)
          answers.push({ proc, text: typed, printedWhenReady: proc.printed });
      } else {
        const code = await withLimit(proc.exited, `${where}: "${shown}" did not finish`);
        flush(proc);
        const expected = step.exit ?? 0;
        if (code !== expected) {
          throw new Error(
            `${where}: "${shown}" exited with ${code}, expected ${expected}\n${proc.output.text}`,
          );
        }
      }
    }
    for (const name of running.keys()) {
      throw new Error(
        `terminal "${name}": a program is still running at the end; add an interrupt step`,
      );
    }
  } finally {
    for (const proc of running.values()) proc.stop();
  }
  return formatTranscript(normalise(terminals, ports));
}

/** Rule 7: tcpdump's message once it captures (on stderr). */
const CAPTURING = /^listening on \S+, link-type/m;

/** Rule 7: does this session capture packets? */
/** Does a step list sockets by port (ss, lsof)? */
function listsSockets(session: Session): boolean {
  return session.steps.some((step) => {
    const word = splitWords(commandOf(step) ?? '')[0];
    return word === 'ss' || word === 'lsof';
  });
}

/**
 * Rule 8: a port below the kernel's ephemeral range (portBelowEphemeral) that no socket uses,
 * in any state: a port the kernel has just handed back may still name the far end of other
 * programs' connections in TIME-WAIT, which `ss … dport = :PORT` would list.
 */
function unwatchedPort(): Promise<number> {
  return portBelowEphemeral((port) => {
    const listed = spawnSync('ss', ['-tuanH', `sport = :${port} or dport = :${port}`], {
      encoding: 'utf8',
    });
    return Boolean(listed.error) || !listed.stdout.trim();
  });
}

export function capturesPackets(session: Session): boolean {
  return session.steps.some((step) => 'start' in step && isCapture(step.start));
}

/** Rule 7: `tcpdump …` or `sudo tcpdump …`. */
function isCapture(shown: string): boolean {
  const words = splitWords(shown);
  return words[words[0] === 'sudo' ? 1 : 0] === 'tcpdump';
}

/** tcpdump's options that take a value (the word after them is not the filter). */
const TCPDUMP_VALUE_OPTIONS = new Set([
  '-i',
  '-c',
  '-s',
  '-w',
  '-r',
  '-B',
  '-C',
  '-E',
  '-F',
  '-G',
  '-j',
  '-M',
  '-Q',
  '-T',
  '-V',
  '-W',
  '-y',
  '-z',
  '-Z',
]);

/** What really runs for a command the reader types. */
function realCommand(
  shown: string,
  session: Session,
  ports: Map<number, number>,
  isServer: boolean,
  marker?: number,
): string[] {
  if (isCapture(shown)) {
    // Rule 7: no sudo; every packet handed over at once; every shown port the real one; the end marker's port.
    const words = splitWords(shown).filter((w, i) => !(i === 0 && w === 'sudo'));
    const real = words.map((w) =>
      w.replace(/(?<![\d.])\d{1,5}(?![\d.])/g, (n) => String(ports.get(Number(n)) ?? n)),
    );
    let i = 1;
    while (i < real.length && real[i].startsWith('-'))
      i += TCPDUMP_VALUE_OPTIONS.has(real[i]) ? 2 : 1;
    const filter = real.slice(i).join(' ');
    const endMarker =
      marker === undefined
        ? []
        : [filter ? `(${filter}) or udp port ${marker}` : `udp port ${marker}`];
    return [
      real[0],
      '-l',
      '--immediate-mode',
      ...real.slice(1, i),
      ...(endMarker.length ? endMarker : real.slice(i)),
    ];
  }
  const words = splitWords(shown);
  const runsExample = words[0] === 'npx' && words[1] === 'tsx';
  const argv = runsExample ? typescript(words[2], words.slice(3)) : words;
  const shownPort = shownPortOf(shown, session);
  const real = isServer ? (ports.get(shownPort) ?? 0) : ports.get(shownPort);
  for (let i = 0; i < argv.length; i++) {
    if (isServer && !runsExample && argv[i] === String(shownPort)) {
      argv[i] = String(real); // rule 3: a program that is not ours, started on the session's port
      continue;
    }
    if (isServer && argv[i - 1] === '--port' && Number(argv[i]) === shownPort) {
      argv[i] = String(real);
      continue;
    }
    // A shown port anywhere in a word (12000, 127.0.0.1:12000, http://127.0.0.1:8080/) becomes the real one.
    argv[i] = argv[i].replace(/(?<![\d.])\d{1,5}(?![\d.])/g, (n) => {
      const mapped = ports.get(Number(n));
      return mapped === undefined || (isServer && Number(n) === shownPort) ? n : String(mapped);
    });
  }
  if (runsExample && !argv.includes('--port')) {
    // Never let a test fall back to an example's fixed default port.
    if (real === undefined)
      throw new Error(
        `"${shown}": no server listens on ${shownPort} yet; start one or list the port in closedPorts`,
      );
    argv.push('--port', String(real));
  }
  return argv;
}

/** The signal that ended a program, if one did. */
function endedBy(proc: Running): NodeJS.Signals | null | undefined {
  return proc.ended?.signal;
}

/** `npx tsx FILE`: one of the course's examples. */
function runsExample(shown: string): boolean {
  const [first, second] = splitWords(shown);
  return first === 'npx' && second === 'tsx';
}

/** Rule 4: an example (every example started with `start` is a server) or a command with a listen flag. */
function isServerCommand(shown: string): boolean {
  return (
    runsExample(shown) ||
    splitWords(shown)
      .slice(1)
      .some((w) => /^-[a-zA-Z\d]*l[a-zA-Z\d]*$/.test(w))
  );
}

/** Rule 6: the system programs a session runs (every command that is not an example) that are not installed. */
export function missingTools(session: Session): string[] {
  const tools = new Set<string>();
  for (const step of session.steps) {
    const command = commandOf(step);
    if (command && !runsExample(command)) tools.add(splitWords(command).find((w) => w !== 'sudo')!);
  }
  const missing = [...tools].filter((tool) => !installed(tool));
  if (tools.has('tcpdump') && !missing.includes('tcpdump') && !mayCapture())
    missing.push('the right to capture packets (root or CAP_NET_RAW)');
  return missing;
}

/** Rule 7: send the end marker and wait until the capture has printed it. */
async function allCaptured(proc: Running, marker: number) {
  const socket = createSocket('udp4');
  socket.on('error', () => {}); // the ICMP answer to a datagram nobody receives
  const seen = () =>
    `${proc.lines.map((l) => l.text).join('\n')}\n${proc.output.text}`.includes(`.${marker}:`);
  try {
    while (!seen()) {
      socket.send('end of capture', marker, '127.0.0.1');
      await sleep(100);
    }
  } finally {
    socket.close();
  }
}

/** Rule 7: the end marker's datagrams, and the ICMP answers about them, leave the transcript (with -A, their bytes too). */
function dropMarker(lines: TerminalLine[], marker: number) {
  const about = (text: string) =>
    text.includes(`.${marker}:`) || text.includes(`port ${marker} unreachable`);
  const packetLine = (text: string) => /^IP6? \S+ > \S+: /.test(text);
  let dropping = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].kind !== 'output') continue;
    if (packetLine(lines[i].text)) dropping = about(lines[i].text);
    if (dropping) lines.splice(i--, 1);
  }
}

/** Rule 7: may tcpdump capture here? (It fails at once, "permission denied", where it may not.) */
let captureAllowed: boolean | undefined;
function mayCapture(): boolean {
  return (captureAllowed ??= probeCapture());
}
function probeCapture(): boolean {
  const probe = spawnSync('tcpdump', ['-i', 'lo', '-c', '1', '-w', '/dev/null', 'udp port 9'], {
    timeout: 500,
    stdio: 'ignore',
  });
  return probe.error !== undefined && (probe.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
}

/** The port a command is about: the one after --port, or the session's. */
function shownPortOf(shown: string, session: Session): number {
  const m = /--port[ =](\d+)/.exec(shown);
  return m ? Number(m[1]) : session.port;
}

function launch(
  argv: string[],
  root: string,
  lines: TerminalLine[],
  stdin?: string,
  typed = false,
  capture = false,
): Running {
  // Its own process group (the toolkit's start), so that nothing it starts outlives the session.
  const started = start(argv, { cwd: root, stdin: stdin ?? (typed ? 'pipe' : 'ignore') });
  const child = started.child;
  const proc: Running = {
    child,
    stop: started.stop,
    lines,
    output: { text: '' },
    stderr: started.stderr,
    lastOutputAt: Date.now(),
    printed: 0,
    command: argv.join(' '),
    exited: new Promise((resolve) => {
      child.on('error', () => resolve(null));
      child.on('close', (code, signal) => {
        proc.ended = { signal };
        resolve(code ?? (signal ? 128 : null));
      });
    }),
  };
  for (const stream of capture ? [child.stdout!] : [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: string) => {
      proc.output.text += chunk;
      proc.printed += chunk.length;
      proc.lastOutputAt = Date.now();
    });
  }
  return proc;
}

/** Rule 4: type `text` into a program line by line, echoed in its terminal as a terminal would. */
async function typeLines(proc: Running, text: string, running: Map<string, Running>) {
  const printed = () => [...running.values()].reduce((n, p) => n + p.printed, 0);
  for (const line of text.split(/(?<=\n)/)) {
    await quiet(proc);
    if (proc.ended) return;
    flush(proc);
    proc.lines.push({ kind: 'output', text: line.replace(/\r?\n$/, '') });
    const before = printed();
    proc.child.stdin!.write(line);
    proc.lastOutputAt = Date.now(); // typing counts as activity: give the program a moment to answer
    // An answer (an echo here, a line in the other terminal) may be slow on a busy machine: wait
    // for some program to print something, up to ANSWER_MS, before the next line is typed.
    const deadline = Date.now() + ANSWER_MS;
    while (printed() === before && !proc.ended && Date.now() < deadline) await sleep(QUIET_MS / 3);
  }
}

/** Rule 4: answer in the servers that someone has written to, then let every program settle. */
async function typeAnswers(answers: Answer[], running: Map<string, Running>) {
  await settle(running);
  for (const answer of [...answers]) {
    if (answer.proc.ended) answers.splice(answers.indexOf(answer), 1);
    else if (answer.proc.printed > answer.printedWhenReady) {
      answers.splice(answers.indexOf(answer), 1);
      await withLimit(
        typeLines(answer.proc, answer.text, running),
        `typing into "${answer.proc.command}"`,
      );
      await settle(running);
    }
  }
}

/** Wait until no running program has printed anything for a moment. */
async function settle(running: Map<string, Running>) {
  const last = () => Math.max(0, ...[...running.values()].map((p) => p.lastOutputAt));
  while (Date.now() - last() < QUIET_MS) await sleep(QUIET_MS / 3);
}

/** Move the lines printed so far into the terminal (a last partial line only when `all`). */
function flush(proc: Running, all = true) {
  const text = proc.output.text.replace(/\r\n/g, '\n');
  const cut = all ? text.length : text.lastIndexOf('\n') + 1;
  proc.output.text = text.slice(cut);
  if (cut === 0) return;
  for (const line of text.slice(0, cut).replace(/\n$/, '').split('\n')) {
    proc.lines.push({ kind: 'output', text: line.trimEnd() });
  }
}

function waitFor(proc: Running, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(proc.output.text) ?? pattern.exec(proc.stderr());
      if (!m) return;
      cleanup();
      flush(proc, false);
      resolve(m);
    };
    const onExit = () => {
      cleanup();
      reject(
        new Error(
          `the program ended before it was listening:\n${proc.output.text}${proc.stderr()}`,
        ),
      );
    };
    const cleanup = () => {
      proc.child.stdout!.off('data', check);
      proc.child.stderr!.off('data', check);
      proc.child.off('close', onExit);
    };
    proc.child.stdout!.on('data', check);
    proc.child.stderr!.on('data', check);
    proc.child.on('close', onExit);
    check();
  });
}

/** Wait until the program has printed nothing for a moment. */
/**
 * Waits until `proc` has printed nothing for QUIET_MS, counted from `since` at the earliest:
 * what a program printed just before the previous step ended (a server's log line for the
 * request a client has just had answered) may still be on its way through the pipe.
 */
async function quiet(proc: Running, since = 0) {
  while (Date.now() - Math.max(proc.lastOutputAt, since) < QUIET_MS) await sleep(QUIET_MS / 3);
}

function withLimit<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${message} within ${STEP_LIMIT_MS / 1000} s`)),
      STEP_LIMIT_MS,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Split a command line into words, honouring '…' and "…" quotes (no other shell syntax). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  }
  return words;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
