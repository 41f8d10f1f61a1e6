// Terminal sessions: what a lesson shows a reader typing and seeing.
//
// A session is defined once, in examples/sessions/<name>.session.ts, as a list
// of steps in named terminals ("server", "client"). The test suite runs the
// steps for real (src/lib/session-runner.ts) and compares what they printed with
// the golden file examples/sessions/<name>.txt; the <Session> component shows
// the same commands with the golden output. So the page cannot show a command
// the tests did not run, nor output the tests did not see.
//
// The golden file is plain text, one block per terminal:
//
//     ==> server <==
//     $ npx tsx examples/udp-server.ts
//     udp server listening on 127.0.0.1:12000
//     ^C
//
// A value written ⟨like this⟩ varies from run to run (say, the port the OS
// picked for a client); the page marks it and tells the reader so.
//
// A session may run in a lab (`lab`: a network of hosts, src/lib/topologies.ts), each terminal
// on one of its hosts (`hosts`). Its golden file then writes the host's id before each prompt,
// `laptop$ npx tsx …`, and a page shows the host's name in its own language (`notebook$` on a
// Portuguese page, `laptop$` on an English one).

export type Step =
  /**
   * Start a long-running program. A server: the step waits for its `listening on` line. With
   * `type`, a client the reader types that line into at once (it waits for no listening line).
   */
  | { in: string; start: string; type?: string; waitFor?: Waits }
  /** Run a program to the end. `exit` is the exit code it must return (default 0); `stdin` is given at once, then closed, not shown. */
  | { in: string; run: string; exit?: number; stdin?: string; waitFor?: Waits }
  /** Type one line into the program that runs in that terminal; the terminal shows it. */
  | { in: string; type: string; waitFor?: Waits }
  /** Press Ctrl+C in that terminal: SIGINT to what runs there, then wait for it to end. */
  | { in: string; interrupt: true; waitFor?: Waits };

export type StepKind = 'start' | 'run' | 'type' | 'interrupt';

export function kindOf(step: Step): StepKind {
  if ('start' in step) return 'start';
  if ('run' in step) return 'run';
  return 'interrupt' in step ? 'interrupt' : 'type';
}

/**
 * What a step waits for once its own part is done, so that it never depends on how long
 * anything takes (an interrupt waits for what its own terminal shows before the Ctrl+C, for what
 * the others show after it):
 * - a text: a line with it, printed by the program in this step's terminal;
 * - { TERMINAL: text }: a line with it, printed by the program in that terminal;
 * - { exit: N }: the program in this step's terminal ends by itself, with exit code N.
 * A text is looked for after the line that the previous wait on that program found (as expect
 * does), so the same text twice waits for two lines.
 */
export type Wait = string | { exit: number } | { [terminal: string]: string };
export type Waits = Wait | Wait[];

export interface Session {
  /**
   * The port a reader sees, the examples' documented default. In tests every
   * server really listens on a port the OS picks (--port 0) and every command
   * is given that port; the output is written back with this number.
   */
  port: number;
  /** Ports shown as "nothing listens here"; tests use a port that is really free. */
  closedPorts?: number[];
  /**
   * For a transcript that depends on the machine as well as on the course (what `localhost`
   * resolves to, say): says how this machine differs from the one that recorded the golden
   * file, or undefined where it does not. The test skips the session here, with that reason.
   */
  machine?: () => Promise<string | undefined>;
  /**
   * A lab to run in: the name of one of the course's topologies (two-hosts, firewall…). It is
   * built before the first step and removed after the last; its servers keep the ports the
   * session shows (each host has ports of its own), and its addresses are the same in every run.
   */
  lab?: string;
  /** In a lab: each terminal's host, by its id (laptop, phone, server…). Every terminal has one. */
  hosts?: Record<string, string>;
  steps: Step[];
}

export function defineSession(session: Session): Session {
  return session;
}

export function commandOf(step: Step): string | undefined {
  return 'start' in step ? step.start : 'run' in step ? step.run : undefined;
}

/** The terminals of a session, in order of first use. */
export function terminalsOf(session: Session): string[] {
  return [...new Set(session.steps.map((s) => s.in))];
}

export interface TerminalLine {
  kind: 'command' | 'output' | 'interrupt';
  text: string;
}

export const INTERRUPT = '^C';
const HEADER = /^==> (\S+) <==$/;

/** The prompt before a terminal's commands: `$ `, or on a lab's host `laptop$ ` (its id). */
export function promptOf(session: Session, terminal: string): string {
  return `${session.hosts?.[terminal] ?? ''}$ `;
}

/** Write the transcript of a run: one block per terminal. */
export function formatTranscript(terminals: Map<string, TerminalLine[]>, session: Session): string {
  const blocks: string[] = [];
  for (const [name, lines] of terminals) {
    const prompt = promptOf(session, name);
    const body = lines.map((l) => (l.kind === 'command' ? `${prompt}${l.text}` : l.text));
    blocks.push([`==> ${name} <==`, ...body].join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}

/**
 * Read a golden file back into terminals. A line is a command only where the
 * session says a command comes next, so output that starts with "$ " is safe.
 */
export function parseTranscript(
  text: string,
  session: Session,
  file: string,
): Map<string, TerminalLine[]> {
  const expected = new Map<string, string[]>();
  for (const step of session.steps) {
    const list = expected.get(step.in) ?? [];
    if (kindOf(step) === 'interrupt') list.push(INTERRUPT);
    else if (commandOf(step) !== undefined)
      list.push(`${promptOf(session, step.in)}${commandOf(step)}`);
    expected.set(step.in, list); // (a typed line is output as the terminal shows it)
  }
  const terminals = new Map<string, TerminalLine[]>();
  let current: TerminalLine[] | undefined;
  let name = '';
  for (const line of text.replace(/\n+$/, '').split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      name = header[1];
      if (!expected.has(name)) throw new Error(`${file}: terminal "${name}" is not in the session`);
      current = [];
      terminals.set(name, current);
      continue;
    }
    if (!current) throw new Error(`${file}: text before the first "==> terminal <==" line`);
    const next = expected.get(name)![0];
    if (line === next) {
      expected.get(name)!.shift();
      current.push(
        line === INTERRUPT
          ? { kind: 'interrupt', text: line }
          : { kind: 'command', text: line.slice(promptOf(session, name).length) },
      );
    } else {
      current.push({ kind: 'output', text: line });
    }
  }
  // Blank lines that only separate blocks are not output.
  for (const lines of terminals.values()) {
    while (lines.length && lines.at(-1)!.kind === 'output' && lines.at(-1)!.text === '')
      lines.pop();
  }
  for (const [term, left] of expected) {
    if (left.length) {
      throw new Error(
        `${file}: the golden file lacks "${left[0]}" in terminal "${term}"; run \`npm run sessions:update\``,
      );
    }
  }
  return terminals;
}

/** Split an output line into plain text and values that vary between runs (⟨…⟩). */
export function splitVarying(line: string): { text: string; varies: boolean }[] {
  return line
    .split(/(⟨[^⟩]*⟩)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('⟨')
        ? { text: part.slice(1, -1), varies: true }
        : { text: part, varies: false },
    );
}
