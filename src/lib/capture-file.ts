// A capture session's packets as a file to download (examples/sessions/NAME.pcap, linked under
// its <Packets> diagram) and open in Wireshark: the packets its golden file shows, in the same
// order, with the ports it shows. The session runner makes it from what tcpdump wrote during the
// run ("capture file"); the tests read it back with tcpdump, normalise what it prints with the
// transcript's rules and compare that with the golden file, so the download cannot drift from
// the page.
//
// - The datagrams that ended the capture, and the ICMP answers about them, leave the file: they
//   are the runner's ("capture end"), not the session's.
// - Ports: each real port of the session's servers becomes the one the page shows (12000), and
//   every other port, a client's, 50001, 50002… in order of appearance in the file, as the page
//   numbers them (⟨50001⟩). The TCP, UDP and ICMP checksums that cover them are computed again
//   (pcap.ts).
// - The packets the golden file leaves out (normalise.ts's "packets": a retransmission, a bare
//   ACK that the next FIN repeats, someone else's ICMP) leave the file too: packet N in Wireshark
//   is packet N on the page.
// The rest stays as the run captured it: times, sequence numbers, windows, options, payloads.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stepCommand, type Command } from './command.ts';
import { normalise } from './normalise.ts';
import { readPcap, rewritePorts, summaryOf, writePcap, type Pcap, type Summary } from './pcap.ts';
import { parseTranscript, type Session } from './session.ts';
import { parsePacket } from './tcpdump.ts';

/**
 * Does a session keep a pcap? A capture on loopback does. A lab's captures don't: a lab session
 * may capture on two hosts at once, and its packets are not rewritten to shown ports (a lab's
 * ports and addresses are the same in every run); its transcript is the record.
 */
export function keepsPcap(session: Session): boolean {
  return !session.lab && session.steps.some((step) => stepCommand(step)?.capture);
}

/** The port a page shows for a session's first client (⟨50001⟩). */
const FIRST_CLIENT_PORT = 50001;

/**
 * Make the pcap file tcpdump wrote during a run of `session` the one its page links (see above).
 * `ports` maps each shown port to the real one; `marker` is the port of the runner's end marker.
 */
export async function keepShownPackets(
  file: string,
  session: Session,
  ports: Map<number, number>,
  marker: number,
) {
  const command = captureCommand(session);
  const pcap = readPcap(readFileSync(file));
  pcap.records = pcap.records.filter((record) => !isAbout(summaryOf(pcap, record), marker));
  const shownOf = new Map([...ports].map(([shown, real]) => [real, shown]));
  renumber(pcap, (real) => shownOf.get(real));
  writeFileSync(file, writePcap(pcap));
  // Which packets the transcript leaves out: those without which it reads the same.
  const packets = await readBack(file, command);
  if (packets.length !== pcap.records.length)
    throw new Error(
      `${file}: tcpdump -r prints ${packets.length} of its ${pcap.records.length} packets`,
    );
  const shown = new Map([...ports.keys()].map((p) => [p, p]));
  const read = (kept: number[]) =>
    shownLines(
      kept.flatMap((i) => packets[i]),
      command,
      shown,
    ).join('\n');
  const all = read(packets.map((_, i) => i));
  let kept = packets.map((_, i) => i);
  for (let i = packets.length - 1; i >= 0; i--) {
    const without = kept.filter((k) => k !== i);
    if (read(without) === all) kept = without;
  }
  pcap.records = kept.map((i) => pcap.records[i]);
  renumber(pcap, (port) => (ports.has(port) ? port : undefined)); // clients, among those kept
  writeFileSync(file, writePcap(pcap));
}

/** Every port rewritten: to `shown(port)` where it says one, else 50001, 50002… in order of appearance. */
function renumber(pcap: Pcap, shown: (port: number) => number | undefined) {
  const clients = new Map<number, number>();
  const port = (real: number) => {
    const known = shown(real);
    if (known !== undefined) return known;
    if (!clients.has(real)) clients.set(real, FIRST_CLIENT_PORT + clients.size);
    return clients.get(real)!;
  };
  for (const record of pcap.records) rewritePorts(pcap, record, port);
}

/** Is this packet the end marker's: a datagram to its port, or an ICMP error about one? */
function isAbout(summary: Summary | undefined, marker: number): boolean {
  const to = (s?: { protocol: unknown; ports?: [number, number] }) =>
    s?.protocol === 'udp' && s.ports?.[1] === marker;
  return to(summary) || to(summary?.about);
}

/** The tcpdump command of a capture session. */
export function captureCommand(session: Session): Command {
  const command = session.steps.map(stepCommand).find((c) => c?.capture);
  if (!command) throw new Error('this session runs no tcpdump');
  return command;
}

/**
 * What `tcpdump -r FILE` prints with the options of the session's capture command (but for the
 * interface: a file has none), one packet at a time: its line, and with -A the lines of its bytes.
 */
export async function readBack(file: string, command: Command): Promise<string[][]> {
  const args = command.args.filter(
    (word, i, all) => !/^-i./.test(word) && word !== '-i' && all[i - 1] !== '-i',
  );
  const read = await promisify(execFile)('tcpdump', ['-r', file, ...args]).catch(
    (err: Error & { stderr?: string }) => {
      throw new Error(`tcpdump -r ${file}: ${err.stderr?.trim() || err.message}`);
    },
  );
  const packets: string[][] = [];
  for (const line of read.stdout.replace(/\n$/, '').split('\n')) {
    const text = line.trimEnd(); // as a terminal of the runner's holds it
    if (parsePacket(text)) packets.push([text]);
    else packets.at(-1)?.push(text);
  }
  return packets;
}

/** A capture command's output as its golden file shows it: normalise.ts's rules, `ports` shown. */
export function shownLines(
  lines: string[],
  command: Command,
  ports: Map<number, number>,
): string[] {
  const terminal = [
    { kind: 'command' as const, text: command.text },
    ...lines.map((text) => ({ kind: 'output' as const, text })),
  ];
  const normalised = normalise(new Map([['capture', terminal]]), ports).get('capture')!;
  return normalised.filter((line) => line.kind === 'output').map((line) => line.text);
}

/** The ports a session's page shows for its servers: its own, its closed ones, each --port. */
function shownPorts(session: Session): Map<number, number> {
  const ports = [session.port, ...(session.closedPorts ?? [])];
  for (const step of session.steps) ports.push(stepCommand(step)?.port ?? session.port);
  return new Map(ports.map((p) => [p, p]));
}

/**
 * Why examples/sessions/NAME.pcap (in `dir`) is not the capture its golden file shows, or nothing:
 * read back with tcpdump and normalised, it must print the golden file's capture, packet for packet.
 */
export async function pcapProblems(dir: string, name: string, session: Session): Promise<string[]> {
  const file = join(dir, `${name}.pcap`);
  if (!existsSync(file))
    return [`${name}.pcap is missing: run \`npm run sessions:update\` and commit what it writes`];
  const command = captureCommand(session);
  const goldenFile = `${name}.txt`;
  const terminal = session.steps.find((step) => stepCommand(step)?.capture)!.in;
  const golden = (
    parseTranscript(readFileSync(join(dir, goldenFile), 'utf8'), session, goldenFile).get(
      terminal,
    ) ?? []
  )
    .filter((line) => line.kind === 'output')
    .map((line) => line.text);
  let packets: string[][];
  try {
    packets = await readBack(file, command);
    if (packets.length !== readPcap(readFileSync(file)).records.length)
      return [`${name}.pcap: tcpdump -r does not print every packet it holds (${command.text})`];
  } catch (err) {
    return [`${name}.pcap: ${(err as Error).message}`];
  }
  const read = shownLines(packets.flat(), command, shownPorts(session));
  const problems: string[] = [];
  const lines = Math.max(read.length, golden.length);
  const at = [...Array(lines).keys()].find((i) => read[i] !== golden[i]);
  if (at !== undefined)
    problems.push(
      `${name}.pcap, read back, differs from ${goldenFile} at line ${at + 1} of the capture: ` +
        `${JSON.stringify(read[at] ?? '(nothing)')}, where the golden file has ${JSON.stringify(golden[at] ?? '(nothing)')}`,
    );
  const shown = golden.filter((line) => parsePacket(line)).map(ends);
  if (packets.length !== shown.length)
    problems.push(
      `${name}.pcap holds ${packets.length} packets, ${goldenFile} shows ${shown.length}: their numbers would not match`,
    );
  // The ports themselves, as the page writes them (the file's 50001 is the page's ⟨50001⟩).
  const inFile = packets.map(([line]) => ends(line));
  const i = inFile.findIndex((e, i) => i < shown.length && e !== shown[i]);
  if (at === undefined && i >= 0)
    problems.push(`${name}.pcap: packet ${i + 1} goes ${inFile[i]}, the page shows ${shown[i]}`);
  return problems;
}

/** A packet line's addresses and ports, as a page shows them but for the ⟨⟩: 127.0.0.1.50001 > 127.0.0.1.12000. */
function ends(line: string): string {
  const packet = parsePacket(line)!;
  const end = ({ host, port }: { host: string; port?: string }) =>
    port === undefined ? host : `${host}.${port.replace(/[⟨⟩]/g, '')}`;
  return `${end(packet.from)} > ${end(packet.to)}`;
}
