// tcpdump's packet line, read and written in one place (src/lib/tcpdump.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  captureArgv,
  flagsOf,
  formatPacket,
  isAbout,
  packetTo,
  parsePacket,
  unreachable,
} from '../src/lib/tcpdump.ts';
import { root } from './processes.ts';

const raw = [
  'IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [S], seq 3978539290, win 65495, options [mss 65495,sackOK,TS val 1187085702 ecr 0,nop,wscale 10], length 0',
  'IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [P.], seq 1:20, ack 20, win 64, options [nop,nop,TS val 1 ecr 2], length 19',
  'IP 127.0.0.1.44321 > 127.0.0.1.50390: Flags [R], seq 2634568026, win 0, length 0',
  'IP 127.0.0.1.45034 > 127.0.0.1.45998: UDP, length 1',
  'IP6 ::1.45034 > ::1.45998: UDP, length 1',
  'IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 udp port 45998 unreachable, length 37',
];

/** Every packet line of the golden files (normalised: ⟨50001⟩, ⟨…⟩). */
const golden = readdirSync(join(root, 'examples/sessions'))
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(root, 'examples/sessions', f), 'utf8').split('\n'))
  .filter((line) => /^IP6? /.test(line));

describe('a packet line', () => {
  it('is written back as it was read, real or normalised', () => {
    expect(golden.length).toBeGreaterThan(40);
    for (const line of [...raw, ...golden]) expect(formatPacket(parsePacket(line)!)).toBe(line);
  });

  it('says who sent it to whom, and its TCP flags and fields', () => {
    const syn = parsePacket(raw[0])!;
    expect(syn).toMatchObject({
      ip: 'IP',
      from: { host: '127.0.0.1', port: '55618' },
      to: { host: '127.0.0.1', port: '45999' },
    });
    expect(flagsOf(syn)).toBe('S');
    expect(syn.fields.get('seq')).toBe('3978539290');
    expect(syn.fields.get('options')).toContain('wscale 10');
    expect(parsePacket(raw[1])!.fields.get('seq')).toBe('1:20');
    expect(flagsOf(parsePacket(raw[3])!)).toBeUndefined();
    expect(parsePacket(raw[4])!.from).toEqual({ host: '::1', port: '45034' });
    const normalised = parsePacket(golden.find((l) => l.includes('⟨50001⟩ >'))!)!;
    expect(normalised.from.port).toBe('⟨50001⟩');
  });

  it('knows what an ICMP port unreachable is about', () => {
    const icmp = parsePacket(raw[5])!;
    expect(icmp.from).toEqual({ host: '127.0.0.1', port: undefined });
    expect(unreachable(icmp)).toEqual({ protocol: 'udp', port: '45998' });
    expect(isAbout(icmp, 45998)).toBe(true);
    expect(isAbout(parsePacket(raw[3])!, 45998)).toBe(true);
    expect(isAbout(parsePacket(raw[3])!, 45034)).toBe(false); // its source, not what it is about
    expect(unreachable(parsePacket(raw[3])!)).toBeUndefined();
  });

  it('is found by the port it goes to in what tcpdump prints', () => {
    const printed = `${raw[0]}\n${raw[3]}\n`;
    expect(packetTo(45998).exec(printed)?.index).toBe(raw[0].length + 1);
    expect(packetTo(4599).test(printed)).toBe(false);
  });

  it('is not any other line: a line of bytes (-A), a message', () => {
    expect(parsePacket("~'E.i...password=swordfish")).toBeUndefined();
    expect(parsePacket('E..<.|@.@.9>.........J.....')).toBeUndefined();
    expect(parsePacket('tcpdump: listening on lo, link-type EN10MB')).toBeUndefined();
  });
});

describe("a capture's command line", () => {
  it('hands over every packet at once and takes the end marker, options before the filter', () => {
    expect(
      captureArgv(['tcpdump', '-i', 'lo', '-n', '-c', '5', 'port 41234 or icmp'], 40001),
    ).toEqual([
      'tcpdump',
      '-l',
      '--immediate-mode',
      '-i',
      'lo',
      '-n',
      '-c',
      '5',
      '(port 41234 or icmp) or udp dst port 40001',
    ]);
    expect(captureArgv(['tcpdump', '-i', 'lo'], 40001)).toEqual([
      'tcpdump',
      '-l',
      '--immediate-mode',
      '-i',
      'lo',
      'udp dst port 40001',
    ]);
    expect(captureArgv(['tcpdump', '-n', 'port', '1'])).toEqual([
      'tcpdump',
      '-l',
      '--immediate-mode',
      '-n',
      'port',
      '1',
    ]);
  });
});
