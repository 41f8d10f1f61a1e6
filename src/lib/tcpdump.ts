// What tcpdump says, read and written in one place: the line it prints for a packet (with -n -t:
// numbers, no timestamps), used by the normaliser (normalise.ts), the <Packets> diagram
// (capture.ts) and the session runner's capture end marker (session-runner.ts); and its command
// line as the session runner runs it.
//
//   IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [S], seq 3978539290, win 65495, options [mss 65495,…], length 0
//   IP 127.0.0.1.45034 > 127.0.0.1.45998: UDP, length 1
//   IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 udp port 45998 unreachable, length 37
//
// A port may be a golden file's stand-in (⟨50001⟩): captures are read back from them too.

/** A host and, but for ICMP, a port, as tcpdump writes them: HOST.PORT. */
export interface Endpoint {
  host: string;
  port?: string;
}

export interface Packet {
  /** IP or IP6. */
  ip: string;
  from: Endpoint;
  to: Endpoint;
  /** What it is: `Flags [S.]` (TCP), `UDP`, `ICMP 127.0.0.1 udp port 45998 unreachable`. */
  what: string;
  /** The fields after it, in tcpdump's order: seq, ack, win, options, length… (name -> value). */
  fields: Map<string, string>;
}

const LINE = /^(IP6?) (\S+) > (\S+): (.*)$/;
const ENDPOINT = /^((?:\d{1,3}\.){3}\d{1,3}|[\da-f]*:[\da-f:]*)(?:\.(\d+|⟨\d+⟩))?$/;

/** A packet's line read, or undefined for any other line (a line of bytes under -A, say). */
export function parsePacket(line: string): Packet | undefined {
  const m = LINE.exec(line);
  const [from, to] = [ENDPOINT.exec(m?.[2] ?? ''), ENDPOINT.exec(m?.[3] ?? '')];
  if (!m || !from || !to) return undefined;
  const [what, ...fields] = splitFields(m[4]);
  return {
    ip: m[1],
    from: { host: from[1], port: from[2] },
    to: { host: to[1], port: to[2] },
    what,
    fields: new Map(
      fields.map((field) => {
        const space = field.indexOf(' ');
        return space < 0 ? [field, ''] : [field.slice(0, space), field.slice(space + 1)];
      }),
    ),
  };
}

/** The line tcpdump prints for `packet`: formatPacket(parsePacket(line)) is the line again. */
export function formatPacket(packet: Packet): string {
  const fields = [...packet.fields].map(([name, value]) => (value ? `${name} ${value}` : name));
  return `${packet.ip} ${endpoint(packet.from)} > ${endpoint(packet.to)}: ${[packet.what, ...fields].join(', ')}`;
}

const endpoint = ({ host, port }: Endpoint) => (port === undefined ? host : `${host}.${port}`);

/** TCP's flags, as tcpdump writes them between brackets (S, S., P., R, .); undefined for another protocol. */
export function flagsOf(packet: Packet): string | undefined {
  return /^Flags \[([^\]]*)\]$/.exec(packet.what)?.[1];
}

/** What an ICMP port unreachable is about: a UDP or TCP port nobody listens on. */
export function unreachable(packet: Packet): { protocol: string; port: string } | undefined {
  const m = /^ICMP\S* .*?(udp|tcp) port (\d+|⟨\d+⟩) unreachable$/.exec(packet.what);
  return m ? { protocol: m[1], port: m[2] } : undefined;
}

/** Is this packet about `port`: sent to it, or an ICMP message about it? */
export function isAbout(packet: Packet, port: number): boolean {
  return packet.to.port === String(port) || unreachable(packet)?.port === String(port);
}

/** Matches the line of a packet sent to `port` in what tcpdump prints. */
export function packetTo(port: number): RegExp {
  return new RegExp(`^IP6? \\S+ > \\S+\\.${port}: `, 'm');
}

/** Split at `, ` outside brackets (`options [nop,nop,TS val 1 ecr 2]` is one field). */
function splitFields(text: string): string[] {
  const parts = [''];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ',' && text[i + 1] === ' ' && depth === 0) {
      parts.push('');
      i++;
      continue;
    }
    if (c === '[') depth++;
    if (c === ']') depth--;
    parts[parts.length - 1] += c;
  }
  return parts;
}

/** What tcpdump says on stderr once it captures (after `tcpdump: ` when it writes a file too). */
export const CAPTURING = /^(?:tcpdump: )?listening on \S+, link-type/m;

/** tcpdump's options that take a value (the word after them is not the filter). */
const VALUE_OPTIONS = new Set(
  '-i -c -s -w -r -B -C -E -F -G -j -M -Q -T -V -W -y -z -Z'.split(' '),
);

/**
 * The capture a session runs for `tcpdump ARGS` (no sudo): every packet handed over at once (-l
 * --immediate-mode, which change nothing it prints), and, with `marker`, its filter widened to
 * the datagrams sent to that port, which mark the end of the capture (sent to it only: another
 * program's datagram from a port of the same number is not the session's). With `file`, the
 * packets are also written there, each at once, as a pcap file (-w, -U), and still printed (--print).
 */
export function captureArgv([tool, ...args]: string[], marker?: number, file?: string): string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += VALUE_OPTIONS.has(args[i]) ? 2 : 1;
  const filter = args.slice(i).join(' ');
  const ends =
    marker === undefined
      ? args.slice(i)
      : [filter ? `(${filter}) or udp dst port ${marker}` : `udp dst port ${marker}`];
  const saving = file === undefined ? [] : ['-w', file, '-U', '--print'];
  return [tool, '-l', '--immediate-mode', ...saving, ...args.slice(0, i), ...ends];
}
