// A command as a session shows it (`npx tsx examples/udp-server.ts`, `sudo tcpdump -i lo …`),
// read once: its words, the program it runs, and what the session runner and the normaliser
// make of it. No processes here: pages and content checks may import it.
import { parse } from 'shell-quote';
import { captureArgv } from './tcpdump.ts';
import { commandOf, type Session, type Step } from './session.ts';

export interface Command {
  /** As the reader types it. */
  text: string;
  /** Its words, split as a shell splits them (quotes, escapes). */
  words: string[];
  /** The program it runs, `sudo` set aside: npx, nc, ss, tcpdump, python3… */
  tool: string;
  /** The words after the program. */
  args: string[];
  /** For `npx tsx FILE`, one of the course's examples: FILE. */
  example?: string;
  /** A packet capture (tcpdump). */
  capture: boolean;
  /** The port it names with `--port N`, if it does. */
  port?: number;
}

/** Read a command. It is one program and its words: no pipes, redirections or variables. */
export function parseCommand(text: string): Command {
  const words = parse(text, (name) => `$${name}`).map((word) => {
    if (typeof word === 'string') return word;
    throw new Error(
      `"${text}": a session command is one program and its words, not ${JSON.stringify(word)}`,
    );
  });
  const [tool = '', ...args] = words[0] === 'sudo' ? words.slice(1) : words;
  const example = tool === 'npx' && args[0] === 'tsx' ? args[1] : undefined;
  const after = args.indexOf('--port');
  return {
    text,
    words,
    tool,
    args,
    example,
    capture: tool === 'tcpdump',
    port: after >= 0 && /^\d+$/.test(args[after + 1] ?? '') ? Number(args[after + 1]) : undefined,
  };
}

/** The command a step runs, read; undefined for a step that runs none. */
export function stepCommand(step: Step): Command | undefined {
  const text = commandOf(step);
  return text === undefined ? undefined : parseCommand(text);
}

/** Does a session capture packets (a `tcpdump` that a `start` step runs)? */
export function capturesPackets(session: Session): boolean {
  return session.steps.some((step) => 'start' in step && parseCommand(step.start).capture);
}

/** Does a session list sockets by port (ss, lsof)? */
export function listsSockets(session: Session): boolean {
  return session.steps.some((step) => ['ss', 'lsof'].includes(stepCommand(step)?.tool ?? ''));
}

/** The system programs a session runs: every command that is not one of the course's examples. */
export function toolsOf(session: Session): string[] {
  const commands = session.steps.map(stepCommand);
  return [...new Set(commands.filter((c) => c && !c.example).map((c) => c!.tool))];
}

export interface Real {
  /** Each port a reader sees (12000) and the real one this run uses. */
  ports: Map<number, number>;
  /** The port the command is about: its own --port, or the session's. */
  shownPort: number;
  /** Started by a `start` step that no one types into: it listens, on the real port or on 0. */
  server: boolean;
  /** A capture's end marker (the session runner's "capture end"). */
  marker?: number;
  /** Where a capture also writes its packets, as a pcap file. */
  pcap?: string;
}

/** A shown port anywhere in a word: 12000, 127.0.0.1:12000, http://127.0.0.1:8080/. */
const NUMBER = /(?<![\d.])\d{1,5}(?![\d.])/g;

/**
 * What really runs for a command, by the session runner's rules "ports", "examples as node" and
 * "capture end": an example runs as `node FILE` (this Node strips the types itself); every shown
 * port becomes the real one, a server's own port the one chosen for it or 0 (the OS chooses);
 * an example that relies on its default port is given `--port`; a capture runs without sudo.
 */
export function realArgv(
  command: Command,
  { ports, shownPort, server, marker, pcap }: Real,
): string[] {
  const real = (word: string, keep?: number) =>
    word.replace(NUMBER, (n) => {
      const mapped = ports.get(Number(n));
      return mapped === undefined || Number(n) === keep ? n : String(mapped);
    });
  if (command.capture)
    return captureArgv(
      [command.tool, ...command.args].map((w) => real(w)),
      marker,
      pcap,
    );
  const argv = command.example
    ? [process.execPath, command.example, ...command.args.slice(2)]
    : [...command.words];
  const port = server ? (ports.get(shownPort) ?? 0) : ports.get(shownPort);
  for (let i = 1; i < argv.length; i++) {
    const ownPort =
      server &&
      ((!command.example && argv[i] === String(shownPort)) ||
        (argv[i - 1] === '--port' && Number(argv[i]) === shownPort));
    argv[i] = ownPort ? String(port) : real(argv[i], server ? shownPort : undefined);
  }
  if (command.example && !argv.includes('--port')) {
    // Never let a session fall back to an example's fixed default port.
    if (port === undefined)
      throw new Error(
        `"${command.text}": no server listens on ${shownPort} yet; start one or list the port in closedPorts`,
      );
    argv.push('--port', String(port));
  }
  return argv;
}
