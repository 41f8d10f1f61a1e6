// What a reader sees of a real run: the rules that turn a session's raw output into its golden
// file. Pure functions, no processes (the session runner runs, see session-runner.ts; this only
// rewrites). A rule exists only for a value that really differs between runs, machines or tool
// versions; the page marks every rewritten value (⟨…⟩) as one that will differ. Each rule has a
// name, used wherever the code applies it; the session runner's own rules have other names.
//
// For every output:
// - "ports": each real port the session's servers got is written back as the port the reader
//   sees (12000). Any other port in an address (127.0.0.1:PORT, 0.0.0.0:PORT, [::1]:PORT,
//   netcat's "HOST PORT", in a lab any of its hosts' addresses) is one the OS picked for a
//   client: ⟨50001⟩, ⟨50002⟩… in order of appearance. With any other IPv4 address (a bind to an
//   address the machine lacks, a send to a broadcast address), only a session's port is written
//   back; any other port stays. A lab's addresses stay as they are: the topology fixes them.
// - "pids": ss's `pid=N` becomes ⟨4242⟩, ⟨4243⟩… in order of appearance.
// - "dns ids": a client picks each query's id at random, and the answer repeats it. A line
//   `  id  XX XX` (dns-query.ts prints each message part by part, in hex) gets ⟨12 34⟩, ⟨12 35⟩…
//   in order of appearance: a query and its answer share one.
// Then, by the tool that printed it (`rules` below):
// - "lsof table" (lsof): PIDs become ⟨4242⟩…, DEVICE numbers ⟨30001⟩…, USER ⟨user⟩; the table is
//   aligned again as lsof aligns it, so that a wider port or PID does not shift a column; lsof
//   lists processes by PID, and PIDs wrap around: its rows follow the order in which the
//   transcript first met each process.
// - "ss table" (ss): aligned again (its columns also differ between iproute2 versions; an empty
//   Process column is dropped); its rows, in no fixed order (the kernel's hash tables), sorted,
//   listening sockets first, the header kept on top.
// - "socket timers" (ss -o): a timer:(NAME,TIME LEFT,COUNT) counts down from the moment it was
//   armed (a keepalive's 10 s, TIME_WAIT's 60 s), and its format differs between iproute2
//   versions: the time left becomes ⟨…⟩.
// - "tracebacks" (python3): a traceback keeps its first line and the exception; the lines
//   between (which Python 3.13 fills with the source line and carets, 3.12 does not) become ⟨…⟩.
// - "openssl" (openssl): what OpenSSL 3.x versions print differently (see openssl() below).
// - "packets" (tcpdump -n; the line's grammar is tcpdump.ts): ports follow "ports" in tcpdump's
//   HOST.PORT form; TCP sequence numbers are relative to each side's first (SYN) one, as tcpdump
//   itself prints them after the handshake (so the SYN says seq 0), a bare RST's too (the one
//   packet whose own number tcpdump prints absolute); window sizes, TCP timestamps and the window
//   scale, which depend on the kernel and the machine's memory, become ⟨…⟩. ICMP lines about
//   ports that are not the session's come from other programs: dropped. A TCP retransmission (a
//   segment its sender already sent, identical once normalised) is dropped: loopback loses
//   nothing, and a sender only repeats itself here when the machine stalls a process for longer
//   than the retransmission timeout (200 ms). But in a lab, a segment to a port where the lab
//   drops packets (a firewall's drop, a loss rule) is kept however often it is repeated: there
//   the repeats are what the network does (session-lab.ts). And a bare ACK that its sender's next segment, a
//   FIN, repeats is dropped: whether the kernel sends that ACK alone or with the FIN depends only
//   on how quickly the program closes (the kernel waits up to 40 ms for something to send the
//   ACK with). With -A, tcpdump prints each packet's bytes below it, a dot for each byte it
//   cannot print, the IP and TCP headers first (addresses, checksums, counters: they change on
//   every run). Only the payload is kept, the packet's last `length` bytes: as its lines of text
//   if tcpdump printed no dot in it (what a program sent in clear; a text with dots of its own
//   counts as unreadable), else as one line ⟨unreadable⟩ (encrypted bytes: other bytes on every
//   run, and their number may change too), but for a word of 9 or more lowercase letters, which
//   stays between two ⟨unreadable⟩ (a server's name, sent in clear in a TLS ClientHello: random
//   bytes spell such a word about once in a billion places). From the first unreadable payload
//   on, the sequence and acknowledgement numbers, and the length of every unreadable payload, become ⟨…⟩.
import { parseCommand, type Command } from './command.ts';
import type { TerminalLine } from './session.ts';
import { flagsOf, formatPacket, parsePacket, unreachable, type Packet } from './tcpdump.ts';

export type Terminals = Map<string, TerminalLine[]>;

/** What a lab adds: its hosts' addresses, and the ports where it drops packets (session-lab.ts). */
export interface LabValues {
  addresses: string[];
  lossy: number[];
}

/**
 * Apply every rule to the terminals of a run. `ports` maps each shown port to the real one;
 * `lab`, for a session in a lab, says what the lab fixes.
 */
export function normalise(
  terminals: Terminals,
  ports: Map<number, number>,
  lab: LabValues = { addresses: [], lossy: [] },
): Terminals {
  const values = valueRules(ports, lab);
  const out: Terminals = new Map();
  for (const [name, lines] of terminals) {
    const result: TerminalLine[] = [];
    let command = parseCommand('');
    let output: string[] = [];
    const flush = () => {
      const rule = rules[command.tool] ?? everyOutput;
      result.push(
        ...rule(output, values, command).map((text) => ({ kind: 'output' as const, text })),
      );
      output = [];
    };
    for (const line of lines) {
      if (line.kind === 'output') {
        output.push(line.text);
        continue;
      }
      flush();
      if (line.kind === 'command') command = parseCommand(line.text);
      result.push(line);
    }
    flush();
    out.set(name, result);
  }
  return out;
}

/** What a tool's output becomes. */
type Rule = (lines: string[], values: ValueRules, command: Command) => string[];

/** "ports", "pids" and "dns ids", line by line: the rule of a tool that has none of its own. */
const everyOutput: Rule = (lines, values) => lines.map(values.line);

const rules: Record<string, Rule> = {
  lsof: (lines, values) => lsof(lines, values),
  ss: (lines, values) => ssTable(lines.map(values.line).map(ssTimers)),
  tcpdump: (lines, values, command) =>
    packets(
      lines,
      values,
      command.args.some((word) => /^-[a-zA-Z]*A/.test(word)),
    ),
  python3: (lines, values, command) => everyOutput(traceback(lines), values, command),
  openssl: (lines, values, command) =>
    everyOutput(openssl(command.args[0], lines), values, command),
};
rules.python = rules.python3;

interface ValueRules {
  /** "ports", "pids" and "dns ids" on one line. */
  line: (text: string) => string;
  /** "ports" on one port: the shown port, or ⟨5000N⟩. */
  port: (text: string) => string;
  /** Is this (real) port one of the session's servers'? */
  isSessionPort: (port: number) => boolean;
  /** Does the lab drop packets to this (shown) port? */
  isLossy: (port: string | undefined) => boolean;
  pid: (pid: string) => string;
  device: (device: string) => string;
}

function valueRules(ports: Map<number, number>, lab: LabValues): ValueRules {
  const shownOf = new Map([...ports].map(([shown, real]) => [real, shown]));
  const ephemeral = numbering(50001);
  const pid = numbering(4242);
  const device = numbering(30001);
  const dnsId = numbering(0x1234, (n) => n.toString(16).padStart(4, '0').replace(/^(..)/, '$1 '));
  const port = (text: string): string => {
    const real = Number(text);
    if (shownOf.has(real)) return String(shownOf.get(real));
    if (ports.has(real)) return text;
    return ephemeral(text);
  };
  // HOST:PORT and netcat's "HOST PORT" in one pass: ⟨…⟩ numbers follow the order of appearance.
  const hosts = lab.addresses.map((a) => `|\\b${a.replace(/\./g, '\\.')}`).join('');
  const address = new RegExp(
    `(\\b127\\.0\\.0\\.1|\\b0\\.0\\.0\\.0|\\[::1?\\]|\\[::ffff:127\\.0\\.0\\.1\\]|\\blocalhost${hosts}):(\\d+)\\b|\\b(Bound on|Connection received on|Connection to) (\\S+) (\\d+)\\b`,
    'g',
  );
  const line = (text: string) =>
    text
      .replace(
        address,
        (_, host?: string, p?: string, said?: string, ncHost?: string, ncPort?: string) =>
          host !== undefined ? `${host}:${port(p!)}` : `${said} ${ncHost} ${port(ncPort!)}`,
      )
      .replace(
        /(?<![\w.:])(?!127\.0\.0\.1:|0\.0\.0\.0:)((?:\d{1,3}\.){3}\d{1,3}):(\d+)\b/g,
        (whole, host: string, p: string) =>
          shownOf.has(Number(p)) ? `${host}:${shownOf.get(Number(p))}` : whole,
      )
      .replace(/\bport (\d+)\b/g, (whole, p: string) => {
        const shown = shownOf.get(Number(p));
        return shown === undefined ? whole : `port ${shown}`;
      })
      .replace(/\bpid=(\d+)\b/g, (_, n: string) => `pid=${pid(n)}`)
      .replace(
        /^(\s+id\s+)([\da-f]{2} [\da-f]{2})$/,
        (_, lead: string, id: string) => `${lead}${dnsId(id)}`,
      );
  const lossy = new Set(lab.lossy.map(String));
  return {
    line,
    pid,
    device,
    port,
    isSessionPort: (p) => shownOf.has(p),
    isLossy: (p) => lossy.has(p ?? ''),
  };
}

/** ⟨first⟩, ⟨first + 1⟩… for each new value, in order of appearance (written by `show`). */
function numbering(first: number, show: (n: number) => string = String): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    if (!seen.has(value)) seen.set(value, `⟨${show(first + seen.size)}⟩`);
    return seen.get(value)!;
  };
}

/** The width a reader sees: ⟨ and ⟩ are not shown. */
const width = (text: string) => text.replace(/[⟨⟩]/g, '').length;
const padEnd = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
const padStart = (text: string, n: number) => ' '.repeat(Math.max(0, n - width(text))) + text;

/** "lsof table" on every table in an lsof output; "ports" on any other line. */
function lsof(lines: string[], values: ValueRules): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!LSOF_HEADER.test(lines[i])) {
      out.push(values.line(lines[i]));
      continue;
    }
    let end = i + 1;
    while (end < lines.length && LSOF_ROW.test(lines[end])) end++;
    out.push(...lsofTable(lines.slice(i, end), values));
    i = end - 1;
  }
  return out;
}

const LSOF_HEADER = /^COMMAND +PID +USER +FD +TYPE +DEVICE +SIZE\/OFF +NODE +NAME *$/;
const LSOF_ROW = /^\S+ +\d+ +\S+ +\S+ +\S+ +\S+ /;

/**
 * "lsof table": an lsof table with its PIDs, user and devices normalised, aligned again as
 * lsof aligns it: one space between columns, PID and DEVICE to the right, COMMAND and
 * USER to the left. FD and TYPE, and what follows DEVICE, keep their printed spacing.
 */
function lsofTable(lines: string[], values: ValueRules): string[] {
  const cells = lines.map((line) => [...line.matchAll(/\S+/g)].slice(0, 6)); // COMMAND PID USER FD TYPE DEVICE
  const end = (m: RegExpMatchArray) => m.index! + m[0].length;
  const userEnd = Math.max(...cells.map((c) => end(c[2])));
  const deviceStart = Math.min(...cells.map((c) => c[5].index!));
  const deviceEnd = Math.max(...cells.map((c) => end(c[5])));
  const rows = lines.map((line, r) => {
    const [command, pid, user, , , device] = cells[r].map((m) => m[0]);
    const middle = line.slice(userEnd, deviceStart);
    return r === 0
      ? { command, pid, user, device, middle, rest: line.slice(deviceEnd) }
      : {
          command,
          pid: values.pid(pid),
          user: '⟨user⟩',
          device: values.device(device),
          middle,
          rest: values.line(line.slice(deviceEnd)),
        };
  });
  // lsof lists processes by PID, and PIDs wrap around (at 32768 by default): a process
  // started later may have the smaller one. Rows follow the order in which the transcript first
  // met each process (⟨4242⟩, ⟨4243⟩…), the header on top.
  const order = (pid: string) => Number(/\d+/.exec(pid)?.[0] ?? 0);
  rows.splice(1, rows.length, ...rows.slice(1).sort((a, b) => order(a.pid) - order(b.pid)));
  const widest = (key: 'command' | 'pid' | 'user' | 'device') =>
    Math.max(...rows.map((row) => width(row[key])));
  const [c, p, u, d] = [widest('command'), widest('pid'), widest('user'), widest('device')];
  return rows.map((row) =>
    `${padEnd(row.command, c)} ${padStart(row.pid, p)} ${padEnd(row.user, u)}${row.middle}${padStart(row.device, d)}${row.rest}`.trimEnd(),
  );
}

/** "socket timers": the time left on an ss -o timer. */
const ssTimers = (line: string) =>
  line.replace(/\btimer:\((\w+),[^,()]+,(\d+)\)/g, 'timer:($1,⟨…⟩,$2)');

const SS_COLUMNS = [
  'Netid',
  'State',
  'Recv-Q',
  'Send-Q',
  'Local Address:Port',
  'Peer Address:Port',
  'Process',
];
const SS_HEADER = new RegExp(
  `^(?:${SS_COLUMNS.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}|\\s)+$`,
);

/**
 * "ss table": an ss table, its columns aligned to the left with two spaces between them
 * (ss's own alignment depends on its version and on the widths of the real values), its
 * rows sorted, listening sockets first. A Process column that no row fills is dropped.
 */
function ssTable(lines: string[]): string[] {
  if (lines.length === 0 || !SS_HEADER.test(lines[0])) return lines;
  const names = SS_COLUMNS.filter((c) => lines[0].includes(c)).sort(
    (a, b) => lines[0].indexOf(a) - lines[0].indexOf(b),
  );
  const rows = lines.slice(1).map((line) => line.trim().split(/\s+/));
  const rank = (row: string[]) =>
    /^(LISTEN|UNCONN)$/.test(row[names.indexOf('State')] ?? '') ? 0 : 1;
  rows.sort((a, b) => rank(a) - rank(b) || compare(a.join(' '), b.join(' ')));
  const used = Math.max(
    ...rows.map((r) => r.length),
    names.length - (names.at(-1) === 'Process' ? 1 : 0),
  );
  const table = [names.slice(0, used), ...rows];
  const widths = names
    .slice(0, used)
    .map((_, i) => Math.max(...table.map((r) => width(r[i] ?? ''))));
  return table.map((r) =>
    r
      .map((cell, i) => padEnd(cell, widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * "packets": tcpdump -n lines, their varying values rewritten, TCP sequence numbers relative;
 * with -A, the payloads.
 */
function packets(lines: string[], values: ValueRules, withBytes: boolean): string[] {
  const isn = new Map<string, number>(); // "HOST.PORT" -> that side's initial sequence number
  const out: string[] = [];
  const sent = new Set<string>(); // TCP segments already seen, normalised
  let unreadableSeen = false; // once true, sequence numbers depend on lengths that vary
  for (const { line, dump } of packetsOf(lines, withBytes)) {
    const packet = parsePacket(line);
    if (!packet) {
      out.push(values.line(line));
      continue;
    }
    const icmp = unreachable(packet);
    if (icmp && !values.isSessionPort(Number(icmp.port))) continue; // someone else's packet
    const flags = flagsOf(packet);
    if (flags !== undefined) relative(packet, flags, isn);
    for (const end of [packet.from, packet.to]) if (end.port) end.port = values.port(end.port);
    const { fields } = packet;
    if (fields.has('win')) fields.set('win', '⟨…⟩');
    const options = fields.get('options');
    if (options)
      fields.set(
        'options',
        options
          .replace(/\bTS val \d+ ecr \d+/, 'TS val ⟨…⟩ ecr ⟨…⟩')
          .replace(/\bwscale \d+/, 'wscale ⟨…⟩'),
      );
    const repeat = flags !== undefined && sent.has(formatPacket(packet));
    if (repeat && !values.isLossy(packet.to.port)) continue; // a retransmission
    if (flags !== undefined) sent.add(formatPacket(packet));
    const length = Number(/^\d+$/.exec(fields.get('length') ?? '')?.[0] ?? 0);
    const payload = withBytes && length > 0 ? dump.join('\n').slice(-length) : '';
    const readable = !payload.includes('.'); // tcpdump prints a dot for every byte that is not text
    if (payload && !readable) unreadableSeen = true;
    if (flags !== undefined && unreadableSeen) {
      const seq = fields.get('seq');
      if (seq) fields.set('seq', seq.includes(':') ? '⟨…⟩:⟨…⟩' : '⟨…⟩');
      if (fields.has('ack')) fields.set('ack', '⟨…⟩');
      if (!readable && fields.has('length')) fields.set('length', '⟨…⟩');
    }
    out.push(values.line(formatPacket(packet)));
    if (payload)
      out.push(...(readable ? payload.replace(/\n$/, '').split('\n') : [unreadable(payload)]));
  }
  return withoutAcksBeforeFin(out);
}

/**
 * "packets": a TCP segment's numbers relative to each side's first (SYN) one, as tcpdump itself
 * prints them after the handshake. tcpdump prints the peer's absolute number in a SYN-ACK and in
 * a RST that answers a SYN, and a bare RST's own number absolute.
 */
function relative(packet: Packet, flags: string, isn: Map<string, number>) {
  const from = `${packet.from.host}.${packet.from.port}`;
  const to = `${packet.to.host}.${packet.to.port}`;
  const { fields } = packet;
  const seq = Number(/^\d+/.exec(fields.get('seq') ?? '')?.[0] ?? NaN);
  const setSeq = (n: number) => fields.set('seq', fields.get('seq')!.replace(/^\d+/, String(n)));
  if (flags.includes('S') && !isNaN(seq)) {
    isn.set(from, seq);
    setSeq(0);
  }
  if (flags === 'R' && isn.has(from) && seq > isn.get(from)!) setSeq(seq - isn.get(from)!);
  const ack = Number(fields.get('ack') ?? NaN);
  if ((flags.includes('S') || flags.includes('R')) && isn.has(to) && ack > isn.get(to)!)
    fields.set('ack', String(ack - isn.get(to)!));
}

/** "packets": drop a bare ACK when its sender's next segment is a FIN that acknowledges as much. */
function withoutAcksBeforeFin(lines: string[]): string[] {
  const segment = (line: string) => {
    const packet = parsePacket(line);
    const flags = packet && flagsOf(packet);
    const length = packet?.fields.get('length') ?? '';
    if (flags === undefined || !/^\d+$/.test(length)) return undefined;
    const ack = packet!.fields.get('ack') ?? '';
    const from = `${packet!.from.host}.${packet!.from.port}`;
    return { from, flags, ack: /^\d+$/.test(ack) ? Number(ack) : -1, length: Number(length) };
  };
  const parsed = lines.map(segment);
  return lines.filter((_, i) => {
    const ack = parsed[i];
    if (!ack || ack.flags !== '.' || ack.length !== 0) return true;
    const next = parsed.slice(i + 1).find((p) => p?.from === ack.from);
    return !(next && next.flags.includes('F') && next.ack >= ack.ack);
  });
}

/** "packets": what stands for a payload that is not text (with -A). */
export const UNREADABLE = '⟨unreadable⟩';

/** "packets": an unreadable payload, but for its words of 9 or more lowercase letters. */
function unreadable(payload: string): string {
  return payload
    .split(/([a-z]{9,})/)
    .filter((part) => part !== '')
    .map((part) => (/^[a-z]{9,}$/.test(part) ? part : UNREADABLE))
    .join('');
}

/** A capture's packets: each line tcpdump prints for one, and with -A the lines of its bytes below it. */
function packetsOf(lines: string[], withBytes: boolean): { line: string; dump: string[] }[] {
  const packets: { line: string; dump: string[] }[] = [];
  for (const line of lines) {
    if (withBytes ? parsePacket(line) : line.trim() !== '') packets.push({ line, dump: [] });
    else if (withBytes) packets.at(-1)?.dump.push(line); // (blank lines without -A: a newline some versions print as they stop)
  }
  return packets;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * "openssl": what OpenSSL 3.x versions print differently. `req` (and `genpkey`): the line of dashes
 * it prints once the key is written, and the dots and pluses some key types print while they are
 * made, become one line of dashes. A name (x509's subject= and issuer=, s_client's certificates) is
 * written `CN = localhost`, 3.0's way, where later versions write CN=localhost. `s_client -brief`:
 * the `Connecting to HOST` line of 3.2 and later goes; the signature type (ECDSA; later versions name the algorithm, ecdsa_secp256r1_sha256) and the
 * key exchange line, whose label and group change with the version (Server Temp Key: X25519,
 * 253 bits; Peer Temp Key: …; Negotiated TLS1.3 group: X25519MLKEM768), are written as 3.0 says
 * them against a Node server, marked as varying.
 */
function openssl(command: string | undefined, lines: string[]): string[] {
  if (command === 'req' || command === 'genpkey') {
    const out: string[] = [];
    for (const line of lines) {
      if (!/^[-.+*\s]+$/.test(line) || !line.trim()) out.push(line);
      else if (out.at(-1) !== '-----') out.push('-----');
    }
    return out;
  }
  const names = (line: string) =>
    line.replace(
      /^(Peer certificate: |depth=\d+ |subject=|issuer=)(.*)$/,
      (_, label: string, name: string) => label + name.replace(/ ?= ?/g, ' = '),
    );
  if (command === 'x509') return lines.map(names);
  if (command !== 's_client') return lines;
  return lines
    .filter((line) => !/^Connecting to \S+$/.test(line))
    .map((line) =>
      names(line)
        .replace(/^Signature type: .*$/, 'Signature type: ⟨ECDSA⟩')
        .replace(
          /^(?:Server Temp Key|Peer Temp Key|Negotiated TLS1\.3 group): .*$/,
          '⟨Server Temp Key: X25519, 253 bits⟩',
        ),
    );
}

/** "tracebacks": a Python traceback as its first line, ⟨…⟩, and the exception line. */
function traceback(lines: string[]): string[] {
  const start = lines.indexOf('Traceback (most recent call last):');
  if (start === -1) return lines;
  let end = start + 1;
  while (end < lines.length && /^\s/.test(lines[end])) end++;
  return [...lines.slice(0, start + 1), '  ⟨…⟩', ...lines.slice(end)];
}
