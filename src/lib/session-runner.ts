// Runs a terminal session for real and returns its transcript (see session.ts). What the output
// then becomes is normalise.ts, whose rules have names of their own.
//
// How a session runs, rule by rule (the code names the rule where it applies it):
// - "ports": a server runs on a port the OS picks (`--port 0`), or on the real port already
//   chosen for the session's port (so a TCP and a UDP server can share it, as they would on the
//   reader's machine); its `listening on HOST:PORT` line tells the real port. Every later
//   command gets that real port: in place of the shown one where the command names it, or as
//   `--port N` appended to an example that relies on its default. Ports in `closedPorts` become
//   a port that the OS has just reported free.
// - "examples as node": `npx tsx FILE` runs as `node FILE`: the same program (Node strips the
//   types itself), without npx's and tsx's start-up (one test runs the literal npx command).
// - "other programs": a program that is not ours (netcat) is ready when it prints `listening on
//   HOST:PORT` or, as netcat-openbsd does with -v, `Bound on HOST PORT`. A `start` command that
//   names the session's port as a word (`nc -u -l 127.0.0.1 12000`) gets the real port there, or
//   0 for the first server. Ctrl+C ends such a program by the signal itself (a shell shows exit
//   status 130): that counts as a clean stop.
// - "waits": no step waits for a quiet moment, only for events. A `start` waits for its
//   program's listening line, a `run` for its program's end, a typed line for the program to
//   pass it on; then every step waits for what its `waitFor` says (session.ts): a line on a
//   terminal, or a program's end by itself. An interrupt waits for what its own terminal must
//   show before the Ctrl+C (so that all a program printed for the steps before comes above the
//   ^C), for what the other terminals show after it. A step has 15 s for all of it.
// - "typing": `type` is a line the reader types into a program (on its `start` step, or a step of
//   its own). The terminal echoes it below all the program printed so far. It is passed on once
//   the program has written as many bytes (netcat sends them to its peer), as Linux's
//   /proc/PID/io says (elsewhere the step does not wait for it). The program's input stays open.
//   (`stdin` on a `run` step is given at once, then closed, and not shown.)
// - "scratch folder": every session runs in a folder of its own, which holds `examples/` (a link
//   to the course's): files a command writes (a certificate, a key) never land in the course, and
//   sessions running at once never see each other's files.
// - "missing tools": a session that runs a system program (nc, lsof, ss…) that is not installed
//   fails at once, naming it; `missingTools()` lets a test skip it instead.
// - "capture end": `sudo tcpdump …` on a `start` step captures the session's own traffic on
//   loopback, without sudo (a capture needs root or CAP_NET_RAW: `missingTools()` says so where
//   it is not allowed), every packet handed over at once (tcpdump.ts). It is ready once it says
//   `listening on IFACE`; only its stdout (the packets) is shown, its stderr depends on tcpdump's
//   version. Before its Ctrl+C, the runner sends datagrams of its own to a port nobody uses, below
//   the ephemeral range (the capture's filter also takes datagrams to it), until tcpdump prints
//   one: every packet before it has then been printed, however busy the machine. They, and the
//   ICMP answers to them, are not shown.
// - "capture file": asked for one (`pcap`), a capture also writes its packets to that file, which
//   then holds the packets its transcript shows, with the ports it shows (capture-file.ts).
// - "unwatched port": a session that lists sockets by port (ss, lsof) or captures packets gets
//   its port before any step: a free port below the kernel's ephemeral range (which the kernel
//   never hands out by itself, to this test run or another one) that no socket uses in any
//   state, so that no other program's packets or sockets are in its transcript.
// - "lab": a session may run in a lab, a network of hosts, each terminal on one of them; what
//   changes then ("on its host", "lab ports", "lab capture end"…) is session-lab.ts.
// A kind of step is one entry of `handlers`; a command becomes a program in `launch()` alone.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setInterval as every } from 'node:timers/promises';
import {
  capturesPackets,
  listsSockets,
  parseCommand,
  realArgv,
  toolsOf,
  type Command,
} from './command.ts';
import type { Lab } from './lab.ts';
import { keepShownPackets } from './capture-file.ts';
import { normalise } from './normalise.ts';
import { LISTENING, freePort, installed, start, within, type Process } from './processes.ts';
import {
  INTERRUPT,
  formatTranscript,
  kindOf,
  type Session,
  type Step,
  type StepKind,
  type TerminalLine,
  type Wait,
} from './session.ts';
import {
  buildLab,
  labMissing,
  labPorts,
  labValues,
  onHost,
  sendMarkers,
  topologyOf,
} from './session-lab.ts';
import { captureEnd, dropMarker, mayCapture, unwatchedPort } from './session-capture.ts';
import { CAPTURING } from './tcpdump.ts';

const STEP_LIMIT_MS = 15_000;

export interface RunOptions {
  /** The folder that holds examples/ (the repository, or a copy in a test). */
  root: string;
  /** Where a capture also writes its packets ("capture file"). */
  pcap?: string;
}

/** A program running in a terminal. */
interface Program {
  proc: Process;
  command: Command;
  stream: 'output' | 'stdout'; // what its terminal shows: all it prints, or a capture's stdout
  shown: number; // how much of that text the terminal's lines hold already
  waited: number; // where the next wait on it looks from ("waits")
}

interface Terminal {
  name: string;
  lines: TerminalLine[];
  program?: Program; // what runs there now
}

/** A session as it runs: what every step's handler works with. */
interface Run {
  session: Session;
  root: string; // the scratch folder it runs in
  terminals: Map<string, Terminal>;
  ports: Map<number, number>; // each shown port and the real one ("ports")
  marker?: number; // the port of the datagrams that end a capture ("capture end")
  lab?: Lab; // the network the session runs in ("lab")
  pcap?: string; // "capture file"
}

type StepOf<K extends StepKind> = Extract<Step, Record<K, unknown>>;
type Handler<K extends StepKind> = (
  step: StepOf<K>,
  terminal: Terminal,
  run: Run,
  limit: AbortSignal,
) => Promise<void>;

/** What each kind of step does. */
const handlers: { [K in StepKind]: Handler<K> } = {
  async start(step, terminal, run, limit) {
    if ('stdin' in step)
      throw new Error('what the reader types into a started program is `type`: one line a step');
    const program = launch(step.start, terminal, run, { server: step.type === undefined });
    if (program.command.capture) {
      await program.proc.waitFor(CAPTURING, { stream: 'stderr', signal: limit });
    } else if (step.type === undefined) {
      const ready = await program.proc.waitFor(LISTENING, { signal: limit });
      program.waited = ready.index + ready[0].length;
      const shown = program.command.port ?? run.session.port;
      if (!run.ports.has(shown)) run.ports.set(shown, Number(ready[1])); // "ports"
    }
    if (step.type !== undefined) await type(program, terminal, step.type, limit);
    await waits(step, terminal, run, limit);
  },

  async run(step, terminal, run, limit) {
    const stdin = step.stdin ?? 'ignore';
    const program = launch(step.run, terminal, run, { server: false, stdin });
    const code = await inTime(program.proc.exited, limit, `"${step.run}" did not finish`);
    end(terminal);
    const expected = step.exit ?? 0;
    if (code !== expected)
      throw new Error(`"${step.run}" exited with ${code}, expected ${expected}${tail(program)}`);
    await waits(step, terminal, run, limit);
  },

  async type(step, terminal, run, limit) {
    await type(running(terminal, 'type into'), terminal, step.type, limit);
    await waits(step, terminal, run, limit);
  },

  async interrupt(step, terminal, run, limit) {
    const program = running(terminal, 'interrupt');
    if (program.command.capture) {
      const { lab, session } = run; // "lab capture end", else "capture end"
      const markers =
        lab && ((m: number) => sendMarkers(lab, session, terminal.name, program.command, m));
      await captureEnd(program.proc, run.marker!, limit, markers);
    }
    await waits(step, terminal, run, limit, 'here');
    flush(program, terminal);
    if (program.proc.exitCode !== undefined)
      throw new Error(`the program had already ended by itself${tail(program)}`);
    terminal.lines.push({ kind: 'interrupt', text: INTERRUPT });
    const code = await program.proc.stop('SIGINT', STEP_LIMIT_MS); // to it and all it started
    end(terminal);
    if (program.command.capture) dropMarker(terminal.lines, run.marker!);
    const byTheSignal = code === 130 && !program.command.example; // "other programs"
    if (code !== 0 && !byTheSignal)
      throw new Error(`exit code ${code} after Ctrl+C, expected 0${tail(program)}`);
    await waits(step, terminal, run, limit, 'elsewhere');
  },
};

export async function runSession(session: Session, { root, pcap }: RunOptions): Promise<string> {
  const missing = missingTools(session);
  if (missing.length)
    throw new Error(`this session needs what this machine lacks: ${missing.join(', ')}`);
  const scratch = mkdtempSync(join(tmpdir(), 'session-')); // "scratch folder"
  symlinkSync(join(root, 'examples'), join(scratch, 'examples'));
  const run: Run = {
    session,
    root: scratch,
    terminals: new Map(),
    ports: await portsOf(session),
    pcap,
  };
  if (capturesPackets(session))
    do
      run.marker = await unwatchedPort(); // "capture end": no one else's packets to it
    while (run.marker === run.ports.get(session.port));
  try {
    run.lab = await buildLab(session); // "lab"
    for (const [index, step] of session.steps.entries()) {
      const terminal = run.terminals.get(step.in) ?? { name: step.in, lines: [] };
      run.terminals.set(step.in, terminal);
      // (each handler takes the steps of its kind: kindOf(step) said which)
      const limit = AbortSignal.timeout(STEP_LIMIT_MS);
      await handlers[kindOf(step)](step as never, terminal, run, limit).catch((err: Error) => {
        throw new Error(`step ${index + 1} (terminal "${step.in}"): ${err.message}`);
      });
    }
    for (const terminal of run.terminals.values())
      if (terminal.program)
        throw new Error(
          `terminal "${terminal.name}": a program is still running at the end; add an interrupt step`,
        );
  } finally {
    const programs = [...run.terminals.values()].flatMap((t) => t.program ?? []);
    const stops = await Promise.allSettled(programs.map((p) => p.proc.stop()));
    run.lab?.down();
    rmSync(scratch, { recursive: true, force: true });
    const failed = stops.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason; // a program that outlives its session is the worse news
  }
  if (pcap && run.marker !== undefined)
    await keepShownPackets(pcap, session, run.ports, run.marker);
  const terminals = new Map([...run.terminals].map(([name, t]) => [name, t.lines]));
  const values = run.lab && labValues(run.lab.topology); // "lab addresses"
  return formatTranscript(normalise(terminals, run.ports, values), session);
}

/** Start a command in a terminal: the one place where a command a reader types becomes a program. */
function launch(
  text: string,
  terminal: Terminal,
  run: Run,
  { server, stdin = 'pipe' }: { server: boolean; stdin?: string },
): Program {
  if (terminal.program) throw new Error(`"${terminal.program.command.text}" still runs there`);
  const command = parseCommand(text);
  terminal.lines.push({ kind: 'command', text });
  const shownPort = command.port ?? run.session.port;
  const { ports, marker, pcap } = run;
  const argv = realArgv(command, { ports, shownPort, server, marker, pcap });
  const where = run.lab ? onHost(run.lab, run.session, terminal.name, argv) : argv; // "on its host"
  const proc = start(where, { cwd: run.root, stdin });
  const stream = command.capture ? 'stdout' : 'output';
  terminal.program = { proc, command, stream, shown: 0, waited: 0 };
  return terminal.program;
}

/** "ports", "unwatched port", "lab ports": the ports chosen before any step. */
async function portsOf(session: Session): Promise<Map<number, number>> {
  const topology = topologyOf(session);
  if (topology) return labPorts(session, topology);
  const ports = new Map<number, number>();
  for (const shown of session.closedPorts ?? []) ports.set(shown, await freePort());
  if (listsSockets(session) || capturesPackets(session))
    ports.set(session.port, await unwatchedPort());
  return ports;
}

/** "waits": what a step's `waitFor` says, in order (only in its own terminal, or only elsewhere). */
async function waits(
  step: Step,
  terminal: Terminal,
  run: Run,
  limit: AbortSignal,
  where: 'here' | 'elsewhere' | 'anywhere' = 'anywhere',
) {
  for (const wait of [step.waitFor ?? []].flat() as Wait[]) {
    const here = typeof wait === 'string' || typeof wait.exit === 'number';
    if (where === (here ? 'elsewhere' : 'here')) continue;
    if (typeof wait === 'string') await lineIn(terminal, wait, limit);
    else if (typeof wait.exit === 'number') await endsBy(terminal, wait.exit, limit);
    else
      for (const [name, text] of Object.entries(wait)) {
        const other = run.terminals.get(name);
        if (!other) throw new Error(`no terminal "${name}" to wait for "${text}" in`);
        await lineIn(other, text as string, limit);
      }
  }
}

/** "waits": a line with `text`, printed after the line the previous wait found. */
async function lineIn(terminal: Terminal, text: string, limit: AbortSignal) {
  const program = running(terminal, `wait for "${text}" in`);
  const { proc, stream } = program;
  const found = await proc
    .waitFor(text, { stream, from: program.waited, signal: limit })
    .catch((err: Error) => {
      throw new Error(
        `${err.message.split('\n')[0]}; terminal "${terminal.name}" shows:${tail(program) || ' nothing'}`,
      );
    });
  const end = found.index + found[0].length;
  const newline = proc[stream]().indexOf('\n', end);
  program.waited = newline < 0 ? end : newline + 1;
}

/** "waits": the program ends by itself, with exit code `expected`. */
async function endsBy(terminal: Terminal, expected: number, limit: AbortSignal) {
  const program = running(terminal, 'wait for the end of');
  const what = `"${program.command.text}" did not end by itself`;
  const code = await inTime(program.proc.exited, limit, what);
  end(terminal);
  if (code !== expected)
    throw new Error(`"${program.command.text}" ended with exit code ${code}, expected ${expected}`);
}

/** "typing": the reader types `text`; over once the program has passed it on. */
async function type(program: Program, terminal: Terminal, text: string, limit: AbortSignal) {
  const line = text.replace(/\r?\n$/, '');
  if (line.includes('\n')) throw new Error('a step types one line');
  flush(program, terminal);
  terminal.lines.push({ kind: 'output', text: line });
  const { proc } = program;
  const before = proc.written();
  proc.child.stdin!.write(text);
  if (before === undefined) return;
  const after = before + Buffer.byteLength(text);
  const passed = async () => {
    for await (const _ of every(10, undefined, { signal: limit }))
      if (proc.exitCode !== undefined || (proc.written() ?? Infinity) >= after) return;
  };
  await inTime(passed(), limit, `"${program.command.text}" did not pass on "${line}"`);
}

/** The program that runs in a terminal, or an error that says there is none. */
function running(terminal: Terminal, what: string): Program {
  if (!terminal.program) throw new Error(`nothing runs in terminal "${terminal.name}" to ${what}`);
  return terminal.program;
}

/** Move what the program printed since the last time into its terminal. */
function flush(program: Program, terminal: Terminal) {
  const text = program.proc[program.stream]();
  const fresh = text.slice(program.shown).replace(/\r\n/g, '\n');
  program.shown = text.length;
  if (!fresh) return;
  for (const line of fresh.replace(/\n$/, '').split('\n'))
    terminal.lines.push({ kind: 'output', text: line.trimEnd() });
}

/** The terminal's program has ended: all it printed into the terminal, which is free again. */
function end(terminal: Terminal) {
  flush(terminal.program!, terminal);
  terminal.program = undefined;
}

/** `promise`, or an error that says `what` happened not in time, once the step's limit is up. */
async function inTime<T>(promise: Promise<T>, limit: AbortSignal, what: string): Promise<T> {
  try {
    return await within(promise, limit);
  } catch (err) {
    throw limit.aborted ? new Error(`${what} within ${STEP_LIMIT_MS / 1000} s`) : err;
  }
}

/** The end of what a program printed, to show under a failure. */
function tail(program: Program): string {
  const lines = program.proc[program.stream]().trimEnd().split('\n').slice(-10);
  return lines.join('') ? `\n${lines.map((line) => `  | ${line}`).join('\n')}` : '';
}

/** "missing tools": the system programs a session runs that are not installed. */
export function missingTools(session: Session): string[] {
  const tools = toolsOf(session);
  const missing = tools.filter((tool) => !installed(tool));
  if (tools.includes('tcpdump') && !missing.includes('tcpdump') && !mayCapture())
    missing.push('the right to capture packets (root or CAP_NET_RAW)');
  const lab = labMissing(session); // "lab"
  return lab ? [...missing, lab] : missing;
}
