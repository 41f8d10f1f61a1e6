// Captures read back as packets and drawn: src/lib/capture.ts.
import { describe, expect, it } from 'vitest';
import {
  describeCapture,
  labelOf,
  packetDiagram,
  parsePackets,
  type Words,
} from '../src/lib/capture.ts';

const words: Words = {
  client: 'client',
  server: 'server',
  bytes: (n) => `${n} bytes`,
  unreachable: (about) => `port unreachable (${about})`,
  describe: (n, from, to, label) => `${n}. ${from} to ${to}: ${label}.`,
};
const opts = ', win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩]';
const lines = [
  `IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [S], seq 0${opts}, length 0`,
  `IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [S.], seq 0, ack 1${opts}, length 0`,
  `IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq 1:6, ack 1${opts}, length 5`,
  `IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [R.], seq 1, ack 6${opts}, length 0`,
  'IP 127.0.0.1.⟨50002⟩ > 127.0.0.1.12000: UDP, length 4',
  'IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 udp port 12000 unreachable, length 36',
];

describe('a capture read back', () => {
  const capture = parsePackets(lines, [12000]);

  it('knows the two ends and who sent each packet', () => {
    expect(capture.client).toBe('127.0.0.1:⟨50001⟩');
    expect(capture.server).toBe('127.0.0.1:12000');
    expect(capture.packets.map((p) => p.from)).toEqual([
      'client',
      'server',
      'client',
      'server',
      'client',
      'server',
    ]);
  });

  it('names flags, numbers and bytes as the arrows say them', () => {
    expect(capture.packets.map((p) => labelOf(p, words))).toEqual([
      'SYN · seq 0',
      'SYN, ACK · seq 0 · ack 1',
      'PSH, ACK · seq 1:6 · ack 1 · 5 bytes',
      'RST, ACK · seq 1 · ack 6',
      'UDP, 4 bytes',
      'ICMP port unreachable (UDP 12000)',
    ]);
  });

  it('says every packet in words, for the picture’s text alternative', () => {
    expect(describeCapture(capture, words)).toContain(
      '1. client to server: SYN, seq 0. 2. server to client: SYN, ACK, seq 0, ack 1.',
    );
  });

  it('draws one arrow per packet, from its sender to the other side, SYN, FIN, RST and ICMP in bold', () => {
    const { left, right, arrows } = packetDiagram(capture);
    expect(
      arrows.map((a) => [a.n, a.line.startsWith(`M${a.packet.from === 'client' ? left : right} `)]),
    ).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, true]));
    expect(arrows.map((a) => a.strong)).toEqual([true, true, false, true, false, true]);
  });

  it('refuses a line that is not a packet (a capture that changed shape must not be drawn wrong)', () => {
    expect(() => parsePackets(['tcpdump: listening on lo'], [12000])).toThrow('not a packet line');
  });
});
