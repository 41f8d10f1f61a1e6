// Packet captures as pictures: the lines a capture session recorded (tcpdump -n -t, read by
// tcpdump.ts, normalised by normalise.ts's "packets") read back as packets, and drawn as a
// sequence diagram, client on the left, server on the right, one arrow per packet. Built from
// the golden file at build time, so the picture changes when the capture does, and never drifts.
// The server's side is the one with the session's port, or in a lab any port its topology names.
import { stepCommand } from './command.ts';
import { parseTranscript, type Session } from './session.ts';
import { flagsOf, parsePacket, unreachable } from './tcpdump.ts';
import { fixedPorts, topologies } from './topologies.ts';

export interface Packet {
  /** Who sent it: the side with the session's port is the server, the other the client. */
  from: 'client' | 'server';
  protocol: 'TCP' | 'UDP' | 'ICMP';
  /** TCP flags by name, in tcpdump's order: SYN, FIN, RST, PSH, ACK. */
  flags: string[];
  seq?: string;
  ack?: string;
  /** Payload bytes. */
  length: number;
  /** For ICMP: what it reports (a UDP port that nobody listens on). */
  about?: string;
  /** For another ICMP message: what tcpdump says of it, without the address (host unreachable - admin prohibited). */
  note?: string;
  /** The server's port, where the capture holds packets to more than one (the header then names the host alone). */
  port?: string;
}

export interface Capture {
  client?: string; // HOST:PORT as the transcript shows them (⟨…⟩ marks a value that varies)
  server?: string;
  packets: Packet[];
}

const FLAG_NAMES: Record<string, string> = {
  S: 'SYN',
  F: 'FIN',
  R: 'RST',
  P: 'PSH',
  U: 'URG',
  '.': 'ACK',
};

/** The packets of a session's capture terminal: `terminal`, or the first that runs tcpdump. */
export function captureOf(
  session: Session,
  golden: string,
  file: string,
  terminal = session.steps.find((step) => stepCommand(step)?.capture)?.in,
): Capture {
  if (!session.steps.some((step) => step.in === terminal && stepCommand(step)?.capture))
    throw new Error(`${file}: no step of this session runs tcpdump in terminal "${terminal}"`);
  const lines = parseTranscript(golden, session, file).get(terminal!) ?? [];
  const lab = session.lab ? topologies[session.lab] : undefined;
  return parsePackets(
    lines.filter((l) => l.kind === 'output').map((l) => l.text),
    [session.port, ...(lab ? fixedPorts(lab) : [])],
  );
}

/** Read tcpdump -n -t lines; `serverPorts` are the ports shown for the server. */
export function parsePackets(lines: string[], serverPorts: number[]): Capture {
  const capture: Capture = { packets: [] };
  const servers = new Set<string>();
  const endpoint = (host: string, port?: string) =>
    `${host.includes(':') ? `[${host}]` : host}:${port}`;
  for (const line of lines) {
    const packet = parsePacket(line);
    // ICMP about a port: the kernel of the server's host answers for a port nobody listens on.
    const icmp = packet && unreachable(packet);
    if (icmp) {
      const about = `${icmp.protocol.toUpperCase()} ${icmp.port}`;
      capture.packets.push({ from: 'server', protocol: 'ICMP', flags: [], length: 0, about });
      continue;
    }
    // Another ICMP message (a firewall's "host unreachable - admin prohibited"), to the client.
    if (packet?.what.startsWith('ICMP ') && packet.from.port === undefined) {
      const note = packet.what.slice(5).replace(/ (?:\d{1,3}\.){3}\d{1,3}\b/g, '');
      capture.packets.push({ from: 'server', protocol: 'ICMP', flags: [], length: 0, note });
      continue;
    }
    if (!packet || packet.from.port === undefined || packet.to.port === undefined)
      throw new Error(`not a packet line tcpdump -n -t prints: ${line}`);
    const { from: source, to, fields } = packet;
    const from = serverPorts.map(String).includes(source.port!) ? 'server' : 'client';
    const [client, server] = from === 'client' ? [source, to] : [to, source];
    servers.add(endpoint(server.host, server.port));
    capture.client ??= endpoint(client.host, client.port);
    capture.server ??= endpoint(server.host, server.port);
    const port = server.port;
    const length = Number(/^\d+/.exec(fields.get('length') ?? '')?.[0] ?? 0);
    const flags = flagsOf(packet);
    if (flags !== undefined) {
      capture.packets.push({
        from,
        protocol: 'TCP',
        flags: [...flags].map((c) => FLAG_NAMES[c] ?? c),
        seq: /^[\d:]+/.exec(fields.get('seq') ?? '')?.[0],
        ack: /^\d+/.exec(fields.get('ack') ?? '')?.[0],
        length,
        port,
      });
    } else if (packet.what === 'UDP') {
      capture.packets.push({ from, protocol: 'UDP', flags: [], length, port });
    } else {
      throw new Error(`a packet line that is neither TCP nor UDP: ${line}`);
    }
  }
  // Connections to several ports (a firewall's, say): the header names the server's host, and
  // each arrow its port.
  if (servers.size > 1) capture.server = capture.server!.replace(/:[^:]*$/, '');
  else for (const packet of capture.packets) delete packet.port;
  return capture;
}

export interface Words {
  client: string;
  server: string;
  bytes: (n: number) => string;
  unreachable: (about: string) => string;
  /** "1. client to server: SYN, seq 0" */
  describe: (n: number, from: string, to: string, label: string) => string;
}

/** What an arrow says: the flags, the sequence and acknowledgement numbers, the bytes carried. */
export function labelOf(packet: Packet, words: Words): string {
  if (packet.protocol === 'ICMP')
    return `ICMP ${packet.note ?? words.unreachable(packet.about ?? '')}`;
  if (packet.protocol === 'UDP')
    return `${packet.port ? `${packet.port}: ` : ''}UDP, ${words.bytes(packet.length)}`;
  const parts = [`${packet.port ? `${packet.port}: ` : ''}${packet.flags.join(', ')}`];
  if (packet.seq !== undefined) parts.push(`seq ${packet.seq}`);
  if (packet.ack !== undefined) parts.push(`ack ${packet.ack}`);
  if (packet.length > 0) parts.push(words.bytes(packet.length));
  return parts.join(' · ');
}

/** The capture in words, one sentence per packet: the picture's text alternative. */
export function describeCapture(capture: Capture, words: Words): string {
  return capture.packets
    .map((p, i) => {
      const [from, to] =
        p.from === 'client' ? [words.client, words.server] : [words.server, words.client];
      return words.describe(i + 1, from, to, labelOf(p, words).replace(/ · /g, ', '));
    })
    .join(' ');
}

export interface Arrow {
  packet: Packet;
  /** The packet's number, as the capture's line. */
  n: number;
  /** The SVG path of the arrow's line and of its head. */
  line: string;
  head: string;
  /** Where its label (above the middle of the line) and its number (beside the sender) go. */
  labelY: number;
  number: { x: number; y: number; anchor: 'start' | 'end' };
  /** SYN, FIN, RST and ICMP: the packets that open, close or abort a connection, or refuse one. */
  strong: boolean;
}

/**
 * Where the sequence diagram draws each thing, in SVG units; <Packets> draws it with the course's
 * diagram classes (both themes). Narrow on purpose (420 units): on a phone it shrinks little, so
 * the labels stay readable.
 */
export function packetDiagram(capture: Capture) {
  const [width, left, right, top, row] = [420, 40, 380, 76, 36];
  const height = top + capture.packets.length * row + 16;
  const arrows = capture.packets.map((packet, i): Arrow => {
    const y = top + i * row;
    const [x1, x2] = packet.from === 'client' ? [left, right] : [right, left];
    const y2 = y + 12;
    const back = x2 > x1 ? 10 : -10;
    return {
      packet,
      n: i + 1,
      line: `M${x1} ${y} L${x2} ${y2}`,
      head: `M${x2} ${y2} L${x2 - back} ${y2 - 6} L${x2 - back} ${y2 + 3} Z`,
      labelY: y - 3,
      number:
        packet.from === 'client'
          ? { x: left - 8, y: y + 4, anchor: 'end' }
          : { x: right + 8, y: y + 4, anchor: 'start' },
      strong:
        packet.flags.some((f) => f === 'SYN' || f === 'FIN' || f === 'RST') ||
        packet.protocol === 'ICMP',
    };
  });
  return { width, height, left, right, middle: (left + right) / 2, arrows };
}
