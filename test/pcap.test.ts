// Capture files (src/lib/pcap.ts): read and written byte for byte, in either byte order and on
// every link type the course may meet, their ports rewritten with checksums that still add up.
// Fast: no capture, no process.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checksum,
  readPcap,
  rewritePorts,
  summaryOf,
  writePcap,
  type Pcap,
} from '../src/lib/pcap.ts';
import { dir } from './sessions.ts';

const committed = readdirSync(dir).filter((f) => f.endsWith('.pcap'));
const read = (name: string) => readPcap(readFileSync(join(dir, name)));

/** An IPv4 UDP datagram from 127.0.0.1:`from` to 127.0.0.1:`to`, its checksums right. */
function datagram(from: number, to: number, payload: string): Buffer {
  const data = Buffer.from(payload);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 8 + data.length, 2);
  ip[8] = 64;
  ip[9] = 17;
  ip.writeUInt32BE(0x7f000001, 12);
  ip.writeUInt32BE(0x7f000001, 16);
  ip.writeUInt16BE(checksum(ip), 10);
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(from, 0);
  udp.writeUInt16BE(to, 2);
  udp.writeUInt16BE(8 + data.length, 4);
  udp.writeUInt16BE(1, 6); // not 0 (none): rewritePorts computes it
  return Buffer.concat([ip, udp, data]);
}

/** A pcap file of one link type and byte order, holding these packets (each after `link`). */
function pcapOf(
  linkType: number,
  littleEndian: boolean,
  packets: Buffer[],
  link = Buffer.alloc(0),
) {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    if (littleEndian) b.writeUInt32LE(n);
    else b.writeUInt32BE(n);
    return b;
  };
  const u16 = (n: number) => u32(n).subarray(littleEndian ? 0 : 2, littleEndian ? 2 : 4);
  const header = Buffer.concat([
    u32(0xa1b2c3d4),
    u16(2),
    u16(4),
    u32(0),
    u32(0),
    u32(65535),
    u32(linkType),
  ]);
  const records = packets.map((p) => {
    const bytes = Buffer.concat([link, p]);
    return Buffer.concat([u32(1), u32(0), u32(bytes.length), u32(bytes.length), bytes]);
  });
  return Buffer.concat([header, ...records]);
}

/** Do a record's TCP or UDP checksum, and an ICMP message's, add up? (at: where IPv4 starts) */
function checksumsHold(data: Buffer, at: number): boolean {
  const length = data.readUInt16BE(at + 2);
  const payload = at + (data[at] & 0x0f) * 4;
  const segment = data.subarray(payload, at + length);
  if (data[at + 9] === 1) return checksum(segment) === 0 && checksumsHold(data, payload + 8);
  const pseudo = Buffer.alloc(12);
  data.copy(pseudo, 0, at + 12, at + 20);
  pseudo[9] = data[at + 9];
  pseudo.writeUInt16BE(segment.length, 10);
  return checksum(Buffer.concat([pseudo, segment])) === 0;
}

describe('pcap files', () => {
  it('the captures the pages link are read and written again byte for byte', () => {
    expect(committed.length).toBeGreaterThanOrEqual(6);
    for (const name of committed) {
      const bytes = readFileSync(join(dir, name));
      const pcap = readPcap(bytes);
      expect(pcap.linkType, name).toBe(1); // Linux's loopback: Ethernet headers of zeros
      expect(pcap.records.length, name).toBeGreaterThan(0);
      expect(writePcap(pcap).equals(bytes), name).toBe(true);
    }
  });

  it('says what it cannot read', () => {
    expect(() => readPcap(Buffer.alloc(10))).toThrow('shorter than its 24-byte header');
    const pcapng = Buffer.from('0a0d0d0a1c0000004d3c2b1a01000000', 'hex');
    expect(() => readPcap(Buffer.concat([pcapng, Buffer.alloc(16)]))).toThrow(
      'magic number 0xa0d0d0a',
    );
    const whole = pcapOf(1, true, [datagram(1, 2, 'hi')], Buffer.alloc(14));
    expect(() => readPcap(whole.subarray(0, whole.length - 1))).toThrow(
      'a record cut short at byte 24',
    );
    const bluetooth = readPcap(pcapOf(187, true, [datagram(1, 2, 'x')]));
    expect(() => summaryOf(bluetooth, bluetooth.records[0])).toThrow(
      'link type 187 is not one this reads (NULL, EN10MB, RAW, LOOP, LINUX_SLL, IPV4, LINUX_SLL2)',
    );
  });

  it("the checksum is RFC 1071's (its own example)", () => {
    expect(checksum(Buffer.from('0001f203f4f5f6f7', 'hex'))).toBe(0x220d);
    expect(checksum(Buffer.from('0001f203f4f5f6', 'hex'))).toBe(0x2304); // an odd length: a 0 byte added
  });

  // Ethernet (Linux), BSD's loopback in either byte order, Linux's cooked headers, raw IP.
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  const sll = Buffer.alloc(16);
  sll.writeUInt16BE(0x0800, 14);
  const sll2 = Buffer.alloc(20);
  sll2.writeUInt16BE(0x0800, 0);
  const family = (littleEndian: boolean) => {
    const b = Buffer.alloc(4);
    if (littleEndian) b.writeUInt32LE(2);
    else b.writeUInt32BE(2);
    return b;
  };
  it.for([
    ['EN10MB', 1, true, ethernet],
    ['NULL, little-endian', 0, true, family(true)],
    ['NULL, big-endian', 0, false, family(false)],
    ['LOOP', 108, false, family(false)],
    ['LINUX_SLL', 113, true, sll],
    ['LINUX_SLL2', 276, false, sll2],
    ['RAW', 101, true, Buffer.alloc(0)],
  ] as const)('%s: ports rewritten, checksums right again', ([, linkType, littleEndian, link]) => {
    const pcap = readPcap(pcapOf(linkType, littleEndian, [datagram(41234, 1234, 'olá')], link));
    expect(pcap.littleEndian).toBe(littleEndian);
    const [record] = pcap.records;
    expect(summaryOf(pcap, record)).toEqual({ protocol: 'udp', ports: [41234, 1234] });
    rewritePorts(pcap, record, (port) => (port === 1234 ? 12000 : 50001));
    expect(summaryOf(pcap, record)).toEqual({ protocol: 'udp', ports: [50001, 12000] });
    expect(checksumsHold(record.data, link.length)).toBe(true);
    expect(record.data.subarray(-4).toString()).toBe('olá');
    const again = readPcap(writePcap(pcap));
    expect(again.records[0].data.equals(record.data)).toBe(true);
  });

  it('a real capture: TCP and ICMP checksums hold after the rewrite, and the ICMP error names the new port', () => {
    for (const [name, icmp] of [
      ['capture-handshake.pcap', false],
      ['capture-udp-refused.pcap', true],
    ] as const) {
      const pcap: Pcap = read(name);
      for (const record of pcap.records) {
        rewritePorts(pcap, record, (port) => (port === 12000 ? 40000 : port + 1));
        expect(checksumsHold(record.data, 14), name).toBe(true);
      }
      const summaries = pcap.records.map((r) => summaryOf(pcap, r));
      expect(summaries[0]).toMatchObject({ ports: [50002, 40000] });
      if (icmp)
        expect(summaries[1]).toEqual({
          protocol: 'icmp',
          about: { protocol: 'udp', ports: [50002, 40000] },
        });
    }
  });

  it('leaves a packet that is not IPv4 as it was', () => {
    const ipv6 = Buffer.alloc(54);
    ipv6.writeUInt16BE(0x86dd, 12);
    ipv6[14] = 0x60;
    const pcap = readPcap(pcapOf(1, true, [ipv6]));
    expect(summaryOf(pcap, pcap.records[0])).toBeUndefined();
    rewritePorts(pcap, pcap.records[0], () => 1);
    expect(pcap.records[0].data.equals(ipv6)).toBe(true);
  });
});
