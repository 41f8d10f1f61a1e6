// Runs a terminal session for real and returns its transcript (see session.ts).
//
// The rules that turn a real run into what a reader sees, all of them here:
// 1. Ports. A server step runs with `--port 0` (or with the real port already
//    chosen for the session's port, so a TCP and a UDP server can share it, as
//    they would on the reader's machine); its `listening on HOST:PORT` line
//    tells the real port. Every later command gets that real port: in place of
//    the session's port where the command names it, or as `--port N` appended
//    to an example that relies on its default. Ports in `closedPorts` become a
//    port that the OS has just reported free. In the output, each real port is
//    written back as the port the reader sees.
// 2. Ephemeral ports. Any other port in an address (127.0.0.1:PORT, 0.0.0.0:PORT, [::1]:PORT)
//    is one the OS picked for a client; it is written ⟨50001⟩, ⟨50002⟩, … in
//    order of appearance, and the page marks it as a value that will differ.
// 3. `npx tsx FILE` runs as `node --import tsx FILE`: the same program, without
//    npx's start-up (one test runs the literal npx command).
// 4. `ss` lists sockets in no fixed order (the kernel's hash tables): the rows
//    of an `ss` command's output are sorted after rules 1–2, listening sockets
//    first, its header line kept on top.
// 5. Programs that are not ours (netcat). A server is ready when it prints
//    `listening on HOST:PORT` or, as netcat-openbsd does with -v, `Bound on HOST PORT`.
//    A `start` command that is not an example and names the session's port as a word
//    (`nc -u -l 127.0.0.1 12000`) gets the real port there, or 0 (the OS chooses) for
//    the first server. Ctrl+C ends such a program by the signal itself (a shell shows
//    exit status 130): that counts as a clean stop. netcat's `Bound on HOST PORT`,
//    `Connection received on HOST PORT` and `Connection to HOST PORT port` follow rules 1–2.
// 6. Typed input. `stdin` on a `start` step is what the reader types into that program,
//    line by line, each once the program has printed nothing for a moment; the terminal
//    echoes it, so the transcript shows it. A server (an example, or a command with a
//    listen flag such as `nc -l`/`nc -ul`) gets it when it has printed something after
//    its ready line (someone wrote to it), at the start of the next step; every program
//    then settles before that step runs. Any other program (a client: `nc -u 127.0.0.1 12000`)
//    gets it right away; its step is over once it is quiet, and it either ends by itself
//    (exit code 0) or by a later `interrupt`. Its input stays open (no Ctrl+D).
//    (`stdin` on a `run` step is unchanged: given at once, then end of input, not shown.)
// 7. lsof and ss show processes and kernel objects: PIDs (ss's `pid=N`, lsof's PID column)
//    become ⟨4242⟩, ⟨4243⟩… in order of appearance, lsof's DEVICE numbers ⟨30001⟩…, its
//    USER ⟨user⟩; an lsof table is then aligned again, as lsof aligns it.
// 8. A session that runs a system program (nc, lsof, ss…) that is not installed fails
//    at once, naming it; `missingTools()` lets a test skip it instead.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  INTERRUPT,
  commandOf,
  formatTranscript,
  parseTranscript,
  type Session,
  type TerminalLine,
} from './session.ts';

const LISTENING = /(?:listening on \S+:|Bound on \S+ )(\d+)[ \t]*\r?\n/; // rule 5: netcat's -v
const STEP_LIMIT_MS = 15_000;
const QUIET_MS = 150;
/** What `node --import` needs to run TypeScript: tsx's loader, as a file URL. */
export const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface RunOptions {
  /** The folder that holds examples/ (the repository, or a copy in a test). */
  root: string;
}

interface Running {
  child: ChildProcess;
  lines: TerminalLine[];
  output: { text: string };
  lastOutputAt: number;
  exited: Promise<number | null>;
  /** Characters printed so far (rule 6 types into a server once this grows after its ready line). */
  printed: number;
  /** Set when the program has ended, with the signal that ended it, if any. */
  ended?: { signal: NodeJS.Signals | null };
  /** The command as the reader typed it. */
  command: string;
}

/** Rule 6: what the reader will type into a server once someone has written to it. */
interface Answer {
  proc: Running;
  text: string;
  printedWhenReady: number;
}

export async function runSession(session: Session, { root }: RunOptions): Promise<string> {
  const terminals = new Map<string, TerminalLine[]>();
  const running = new Map<string, Running>();
  const ports = new Map<number, number>(); // shown port -> real port
  const unordered: UnorderedOutput[] = []; // rule 4
  const answers: Answer[] = []; // rule 6
  const missing = missingTools(session);
  if (missing.length) throw new Error(`this session runs ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed`);
  for (const shown of session.closedPorts ?? []) ports.set(shown, await freePort());

  try {
    for (const [index, step] of session.steps.entries()) {
      const lines = terminals.get(step.in) ?? [];
      terminals.set(step.in, lines);
      const where = `step ${index + 1} (terminal "${step.in}")`;
      if (answers.length) await typeAnswers(answers, running);

      if ('interrupt' in step) {
        const proc = running.get(step.in);
        if (!proc) throw new Error(`${where}: nothing is running there to interrupt`);
        await quiet(proc);
        flush(proc);
        if (proc.ended) throw new Error(`${where}: the program had already ended by itself\n${proc.output.text}`);
        lines.push({ kind: 'interrupt', text: INTERRUPT });
        process.kill(-proc.child.pid!, 'SIGINT');
        const code = await withLimit(proc.exited, `${where}: the program did not stop after Ctrl+C`);
        flush(proc);
        running.delete(step.in);
        answers.splice(0, answers.length, ...answers.filter((a) => a.proc !== proc));
        const endedByCtrlC = endedBy(proc) === 'SIGINT' && !runsExample(proc.command); // rule 5
        if (code !== 0 && !endedByCtrlC) throw new Error(`${where}: exit code ${code} after Ctrl+C, expected 0\n${proc.output.text}`);
        continue;
      }

      const shown = commandOf(step)!;
      lines.push({ kind: 'command', text: shown });
      const firstOutput = lines.length;
      const argv = realCommand(shown, session, ports, 'start' in step);
      // Rule 6: on a start step, stdin is typed in later, line by line.
      const typed = 'start' in step && 'stdin' in step ? String(step.stdin) : undefined;
      const proc = launch(argv, root, lines, typed === undefined && 'stdin' in step ? step.stdin : undefined, typed !== undefined);
      proc.command = shown;

      if ('start' in step && typed !== undefined && !isServerCommand(shown)) {
        // Rule 6: a client the reader types into right away.
        running.set(step.in, proc);
        await withLimit(typeLines(proc, typed), `${where}: "${shown}" could not be typed into`);
        await quiet(proc);
        if (proc.ended) {
          const code = await proc.exited;
          flush(proc);
          running.delete(step.in);
          if (code !== 0) throw new Error(`${where}: "${shown}" ended by itself with exit code ${code}, expected 0\n${proc.output.text}`);
        }
      } else if ('start' in step) {
        running.set(step.in, proc);
        const match = await withLimit(
          waitFor(proc, LISTENING),
          `${where}: "${shown}" never printed its "listening on HOST:PORT" line`,
        );
        const real = Number(match[1]);
        const shownPort = shownPortOf(shown, session);
        if (!ports.has(shownPort)) ports.set(shownPort, real);
        if (typed !== undefined) answers.push({ proc, text: typed, printedWhenReady: proc.printed });
      } else {
        const code = await withLimit(proc.exited, `${where}: "${shown}" did not finish`);
        flush(proc);
        const expected = step.exit ?? 0;
        if (code !== expected) {
          throw new Error(`${where}: "${shown}" exited with ${code}, expected ${expected}\n${proc.output.text}`);
        }
        if (UNORDERED.test(shown)) unordered.push({ terminal: step.in, from: firstOutput, to: lines.length });
      }
    }
    for (const name of running.keys()) {
      throw new Error(`terminal "${name}": a program is still running at the end; add an interrupt step`);
    }
  } finally {
    for (const proc of running.values()) killGroup(proc.child);
  }
  return sortUnordered(normalise(formatTranscript(terminals), ports), session, unordered);
}

/** Commands whose output rows come in no fixed order (rule 4). */
const UNORDERED = /^ss\b/;

interface UnorderedOutput {
  terminal: string;
  from: number; // index of its first output line in the terminal
  to: number; // index after its last output line
}

/** Rule 4: sort the rows of unordered outputs, once their ports are normalised. */
function sortUnordered(transcript: string, session: Session, outputs: UnorderedOutput[]): string {
  if (outputs.length === 0) return transcript;
  const terminals = parseTranscript(transcript, session, 'transcript');
  for (const { terminal, from, to } of outputs) {
    const lines = terminals.get(terminal)!;
    const start = from < to && /^(State|Netid|Recv-Q)\b/.test(lines[from].text) ? from + 1 : from;
    const rank = (text: string) => (/^(LISTEN|UNCONN)\b/.test(text) ? 0 : 1);
    const rows = lines.slice(start, to).sort((a, b) => rank(a.text) - rank(b.text) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    lines.splice(start, rows.length, ...rows);
  }
  return formatTranscript(terminals);
}

/** What really runs for a command the reader types. */
function realCommand(shown: string, session: Session, ports: Map<number, number>, isServer: boolean): string[] {
  const words = splitWords(shown);
  const runsExample = words[0] === 'npx' && words[1] === 'tsx';
  const argv = runsExample ? [process.execPath, '--import', tsxLoader, ...words.slice(2)] : words;
  const shownPort = shownPortOf(shown, session);
  const real = isServer ? (ports.get(shownPort) ?? 0) : ports.get(shownPort);
  for (let i = 0; i < argv.length; i++) {
    if (isServer && !runsExample && argv[i] === String(shownPort)) {
      argv[i] = String(real); // rule 5: a program that is not ours, started on the session's port
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
    if (real === undefined) throw new Error(`"${shown}": no server listens on ${shownPort} yet; start one or list the port in closedPorts`);
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

/** Rule 6: an example (every example started with `start` is a server) or a command with a listen flag. */
function isServerCommand(shown: string): boolean {
  return runsExample(shown) || splitWords(shown).slice(1).some((w) => /^-[a-zA-Z\d]*l[a-zA-Z\d]*$/.test(w));
}

/** Rule 8: the system programs a session runs (every command that is not an example) that are not installed. */
export function missingTools(session: Session): string[] {
  const tools = new Set<string>();
  for (const step of session.steps) {
    const command = commandOf(step);
    if (command && !runsExample(command)) tools.add(splitWords(command)[0]);
  }
  return [...tools].filter((tool) => {
    try {
      execFileSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

/** The port a command is about: the one after --port, or the session's. */
function shownPortOf(shown: string, session: Session): number {
  const m = /--port[ =](\d+)/.exec(shown);
  return m ? Number(m[1]) : session.port;
}

function launch(argv: string[], root: string, lines: TerminalLine[], stdin?: string, typed = false): Running {
  const child = spawn(argv[0], argv.slice(1), {
    cwd: root,
    detached: true, // its own process group, so that nothing it starts outlives the session
    stdio: [stdin === undefined && !typed ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const proc: Running = {
    child,
    lines,
    output: { text: '' },
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
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      proc.output.text += chunk;
      proc.printed += chunk.length;
      proc.lastOutputAt = Date.now();
    });
  }
  child.stdin?.on('error', () => {}); // typing into a program that has just ended (EPIPE) is not an error of ours
  if (stdin !== undefined) child.stdin!.end(stdin);
  return proc;
}

/** Rule 6: type `text` into a program line by line, echoed in its terminal as a terminal would. */
async function typeLines(proc: Running, text: string) {
  for (const line of text.split(/(?<=\n)/)) {
    await quiet(proc);
    if (proc.ended) return;
    flush(proc);
    proc.lines.push({ kind: 'output', text: line.replace(/\r?\n$/, '') });
    proc.child.stdin!.write(line);
    proc.lastOutputAt = Date.now(); // typing counts as activity: give the program a moment to answer
  }
}

/** Rule 6: answer in the servers that someone has written to, then let every program settle. */
async function typeAnswers(answers: Answer[], running: Map<string, Running>) {
  await settle(running);
  for (const answer of [...answers]) {
    if (answer.proc.ended) answers.splice(answers.indexOf(answer), 1);
    else if (answer.proc.printed > answer.printedWhenReady) {
      answers.splice(answers.indexOf(answer), 1);
      await withLimit(typeLines(answer.proc, answer.text), `typing into "${answer.proc.command}"`);
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
      const m = pattern.exec(proc.output.text);
      if (!m) return;
      cleanup();
      flush(proc, false);
      resolve(m);
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`the program ended before it was listening:\n${proc.output.text}`));
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
async function quiet(proc: Running) {
  while (Date.now() - proc.lastOutputAt < QUIET_MS) await sleep(QUIET_MS / 3);
}

function withLimit<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${STEP_LIMIT_MS / 1000} s`)), STEP_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Apply rules 1, 2, 5 and 7 of the header comment to a transcript. */
export function normalise(transcript: string, ports: Map<number, number>): string {
  const shownOf = new Map([...ports].map(([shown, real]) => [real, shown]));
  const ephemeral = numbering(50001);
  const pids = numbering(4242); // rule 7
  const devices = numbering(30001); // rule 7
  const port = (text: string): string => {
    const real = Number(text);
    if (shownOf.has(real)) return String(shownOf.get(real));
    if ([...ports.keys()].includes(real)) return text;
    return ephemeral(text);
  };
  // HOST:PORT (rule 2) and netcat's "HOST PORT" (rule 5) in one pass: ⟨…⟩ numbers follow the order of appearance.
  const address =
    /(\b127\.0\.0\.1|\b0\.0\.0\.0|\[::1?\]|\[::ffff:127\.0\.0\.1\]|\blocalhost):(\d+)\b|\b(Bound on|Connection received on|Connection to) (\S+) (\d+)\b/g;
  const values = (line: string) =>
    line
      .replace(address, (_, host?: string, p?: string, said?: string, ncHost?: string, ncPort?: string) =>
        host !== undefined ? `${host}:${port(p!)}` : `${said} ${ncHost} ${port(ncPort!)}`,
      )
      .replace(/\bport (\d+)\b/g, (whole, p: string) => {
        const shown = shownOf.get(Number(p));
        return shown === undefined ? whole : `port ${shown}`;
      })
      .replace(/\bpid=(\d+)\b/g, (_, pid: string) => `pid=${pids(pid)}`);
  const lines = transcript.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!LSOF_HEADER.test(lines[i])) {
      out.push(values(lines[i]));
      continue;
    }
    let end = i + 1;
    while (end < lines.length && LSOF_ROW.test(lines[end])) end++;
    out.push(...lsofTable(lines.slice(i, end), values, pids, devices));
    i = end - 1;
  }
  return out.join('\n');
}

/** ⟨first⟩, ⟨first + 1⟩… for each new value, in order of appearance. */
function numbering(first: number): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    if (!seen.has(value)) seen.set(value, `⟨${first + seen.size}⟩`);
    return seen.get(value)!;
  };
}

const LSOF_HEADER = /^COMMAND +PID +USER +FD +TYPE +DEVICE +SIZE\/OFF +NODE +NAME *$/;
const LSOF_ROW = /^\S+ +\d+ +\S+ +\S+ +\S+ +\S+ /;

/**
 * Rule 7: an lsof table with its PIDs, user and devices normalised, aligned again as
 * lsof aligns it: one space between columns, PID and DEVICE to the right, COMMAND and
 * USER to the left. FD and TYPE, and what follows DEVICE, keep their printed spacing.
 */
function lsofTable(
  lines: string[],
  values: (text: string) => string,
  pids: (pid: string) => string,
  devices: (device: string) => string,
): string[] {
  const cells = lines.map((line) => [...line.matchAll(/\S+/g)].slice(0, 6)); // COMMAND PID USER FD TYPE DEVICE
  const end = (m: RegExpMatchArray) => m.index! + m[0].length;
  const userEnd = Math.max(...cells.map((c) => end(c[2])));
  const deviceStart = Math.min(...cells.map((c) => c[5].index!));
  const deviceEnd = Math.max(...cells.map((c) => end(c[5])));
  const rows = lines.map((line, r) => {
    const [command, pid, user, , , device] = cells[r].map((m) => m[0]);
    return r === 0
      ? { command, pid, user, device, middle: line.slice(userEnd, deviceStart), rest: line.slice(deviceEnd) }
      : {
          command,
          pid: pids(pid),
          user: '⟨user⟩',
          device: devices(device),
          middle: line.slice(userEnd, deviceStart),
          rest: values(line.slice(deviceEnd)),
        };
  });
  const width = (text: string) => text.replace(/[⟨⟩]/g, '').length;
  const widest = (key: 'command' | 'pid' | 'user' | 'device') => Math.max(...rows.map((row) => width(row[key])));
  const left = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
  const right = (text: string, n: number) => ' '.repeat(Math.max(0, n - width(text))) + text;
  const [c, p, u, d] = [widest('command'), widest('pid'), widest('user'), widest('device')];
  return rows.map((row) =>
    `${left(row.command, c)} ${right(row.pid, p)} ${left(row.user, u)}${row.middle}${right(row.device, d)}${row.rest}`.trimEnd(),
  );
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

/** A port that nothing listens on right now, for TCP and UDP alike. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
      server.on('error', reject);
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.on('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
