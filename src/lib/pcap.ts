// Capture files in the pcap format, the one `tcpdump -w` writes and Wireshark opens: read,
// written, and their IPv4 packets' ports rewritten, checksums included. No processes here
// (capture-file.ts runs tcpdump); the course's own downloads are what this is for.
//
// A file is a 24-byte header (a magic number, whose byte order is the file's and which says
// whether times are in micro- or nanoseconds; the format's version; the snapshot length; the link
// type), then one record per packet: a 16-byte header (seconds, fraction, bytes stored, bytes on
// the wire) and the bytes stored. The link type says what comes before the IP header: an
// Ethernet header (Linux's loopback), a 4-byte address family (BSD's), Linux's "cooked" header…
// Reference: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/

export interface PcapRecord {
  /** The record's 16-byte header, as it was read (its lengths are set again on writing). */
  header: Buffer;
  /** The packet's bytes, from the link layer's header on. */
  data: Buffer;
}

export interface Pcap {
  /** The file's 24-byte header, kept as it was read. */
  header: Buffer;
  littleEndian: boolean;
  linkType: number;
  records: PcapRecord[];
}

const MAGIC = [0xa1b2c3d4, 0xa1b23c4d]; // microseconds, nanoseconds

/** A pcap file read; throws, saying why, on anything else (a pcapng file, a truncated one). */
export function readPcap(bytes: Buffer): Pcap {
  if (bytes.length < 24) throw new Error('not a pcap file: shorter than its 24-byte header');
  const littleEndian = MAGIC.includes(bytes.readUInt32LE(0));
  if (!littleEndian && !MAGIC.includes(bytes.readUInt32BE(0)))
    throw new Error(
      `not a pcap file: magic number 0x${bytes.readUInt32BE(0).toString(16)} (pcapng is 0xa0d0d0a)`,
    );
  const u32 = (at: number) => (littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const records: PcapRecord[] = [];
  for (let at = 24; at < bytes.length;) {
    if (at + 16 > bytes.length) throw new Error(`a record header cut short at byte ${at}`);
    const stored = u32(at + 8);
    if (at + 16 + stored > bytes.length) throw new Error(`a record cut short at byte ${at}`);
    records.push({
      header: Buffer.from(bytes.subarray(at, at + 16)),
      data: Buffer.from(bytes.subarray(at + 16, at + 16 + stored)),
    });
    at += 16 + stored;
  }
  return {
    header: Buffer.from(bytes.subarray(0, 24)),
    littleEndian,
    linkType: u32(20) & 0x0fffffff, // (the top bits may say the FCS length)
    records,
  };
}

/** The file's bytes: readPcap(writePcap(pcap)) is the same capture. */
export function writePcap(pcap: Pcap): Buffer {
  const parts = [pcap.header];
  for (const { header, data } of pcap.records) {
    const h = Buffer.from(header);
    if (pcap.littleEndian) h.writeUInt32LE(data.length, 8);
    else h.writeUInt32BE(data.length, 8);
    parts.push(h, data);
  }
  return Buffer.concat(parts);
}

/**
 * The link types this reads (LINKTYPE_* numbers, as tcpdump -L names them): how long the header
 * before the IP packet is, and whether it says IPv4 follows.
 */
const LINKS: Record<number, { name: string; header: number; ipv4: (data: Buffer) => boolean }> = {
  // the capturing host's address family, in its own byte order: AF_INET is 2 everywhere
  0: { name: 'NULL', header: 4, ipv4: (d) => d.readUInt32LE(0) === 2 || d.readUInt32BE(0) === 2 },
  1: { name: 'EN10MB', header: 14, ipv4: (d) => d.readUInt16BE(12) === 0x0800 }, // Linux's lo too
  101: { name: 'RAW', header: 0, ipv4: () => true },
  108: { name: 'LOOP', header: 4, ipv4: (d) => d.readUInt32BE(0) === 2 },
  113: { name: 'LINUX_SLL', header: 16, ipv4: (d) => d.readUInt16BE(14) === 0x0800 },
  228: { name: 'IPV4', header: 0, ipv4: () => true },
  276: { name: 'LINUX_SLL2', header: 20, ipv4: (d) => d.readUInt16BE(0) === 0x0800 },
};

/** A record's IPv4 packet, or undefined when it carries something else (IPv6, ARP). */
function ipv4Of(pcap: Pcap, data: Buffer): Ipv4 | undefined {
  const link = LINKS[pcap.linkType];
  if (!link) {
    const known = Object.values(LINKS).map((l) => l.name);
    throw new Error(`link type ${pcap.linkType} is not one this reads (${known.join(', ')})`);
  }
  return data.length >= link.header + 20 && link.ipv4(data) ? ipv4At(data, link.header) : undefined;
}

const ICMP = 1;
const TCP = 6;
const UDP = 17;
const PROTOCOLS: Record<number, 'icmp' | 'tcp' | 'udp'> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };

interface Ipv4 {
  start: number;
  protocol: number;
  /** Where its payload (the TCP or UDP header, the ICMP message) starts, and where the packet ends. */
  payload: number;
  end: number;
}

function ipv4At(data: Buffer, start: number): Ipv4 | undefined {
  if (data.length < start + 20 || data[start] >> 4 !== 4) return undefined;
  const payload = start + (data[start] & 0x0f) * 4;
  return { start, protocol: data[start + 9], payload, end: start + data.readUInt16BE(start + 2) };
}

/** What a packet is, as far as the course's captures need: its protocol, its ports, what an ICMP error is about. */
export interface Summary {
  protocol: 'tcp' | 'udp' | 'icmp' | number;
  /** Source and destination ports (TCP and UDP). */
  ports?: [number, number];
  /** An ICMP error: the packet it is about (the start of it, which the message carries). */
  about?: { protocol: 'tcp' | 'udp' | 'icmp' | number; ports?: [number, number] };
}

/** A record's IPv4 packet, summed up; undefined for any other packet. */
export function summaryOf(pcap: Pcap, record: PcapRecord): Summary | undefined {
  const ip = ipv4Of(pcap, record.data);
  if (!ip) return undefined;
  const summary: Summary = { protocol: PROTOCOLS[ip.protocol] ?? ip.protocol };
  summary.ports = portsAt(record.data, ip);
  const inner = icmpError(record.data, ip);
  if (inner)
    summary.about = {
      protocol: PROTOCOLS[inner.protocol] ?? inner.protocol,
      ports: portsAt(record.data, inner),
    };
  return summary;
}

function portsAt(data: Buffer, ip: Ipv4): [number, number] | undefined {
  if ((ip.protocol !== TCP && ip.protocol !== UDP) || data.length < ip.payload + 4)
    return undefined;
  return [data.readUInt16BE(ip.payload), data.readUInt16BE(ip.payload + 2)];
}

/** The packet an ICMP error (destination unreachable, time exceeded…) carries the start of. */
function icmpError(data: Buffer, ip: Ipv4): Ipv4 | undefined {
  if (ip.protocol !== ICMP || data.length < ip.payload + 8) return undefined;
  if (![3, 4, 5, 11, 12].includes(data[ip.payload])) return undefined;
  return ipv4At(data, ip.payload + 8);
}

/**
 * Rewrite a record's ports (TCP, UDP, and those of the packet an ICMP error is about) with
 * `port`, and set every checksum they change again: TCP's and UDP's (which cover the ports), and
 * an ICMP message's. A checksum is only computed over a packet the record holds whole; a UDP
 * checksum of 0 (none, in IPv4) stays 0. Packets that are not IPv4 are left as they are.
 */
export function rewritePorts(pcap: Pcap, record: PcapRecord, port: (real: number) => number) {
  const { data } = record;
  const ip = ipv4Of(pcap, data);
  if (!ip) return;
  const setPorts = (at: Ipv4) => {
    if (!portsAt(data, at)) return;
    data.writeUInt16BE(port(data.readUInt16BE(at.payload)), at.payload);
    data.writeUInt16BE(port(data.readUInt16BE(at.payload + 2)), at.payload + 2);
    transportChecksum(data, at);
  };
  setPorts(ip);
  const inner = icmpError(data, ip);
  if (inner) {
    setPorts(inner);
    if (data.length >= ip.end) {
      data.writeUInt16BE(0, ip.payload + 2);
      data.writeUInt16BE(checksum(data.subarray(ip.payload, ip.end)), ip.payload + 2);
    }
  }
}

/** TCP's or UDP's checksum set again, when the packet is whole: over a pseudo-header and the segment. */
function transportChecksum(data: Buffer, ip: Ipv4) {
  if (data.length < ip.end) return;
  const field = ip.payload + (ip.protocol === TCP ? 16 : 6);
  if (ip.protocol === UDP && data.readUInt16BE(field) === 0) return;
  const pseudo = Buffer.alloc(12);
  data.copy(pseudo, 0, ip.start + 12, ip.start + 20); // source and destination addresses
  pseudo[9] = ip.protocol;
  pseudo.writeUInt16BE(ip.end - ip.payload, 10);
  data.writeUInt16BE(0, field);
  const sum = checksum(Buffer.concat([pseudo, data.subarray(ip.payload, ip.end)]));
  data.writeUInt16BE(ip.protocol === UDP && sum === 0 ? 0xffff : sum, field);
}

/** The Internet checksum (RFC 1071): the one's complement of the one's complement sum of 16-bit words. */
export function checksum(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += bytes.readUInt16BE(i);
  if (bytes.length % 2) sum += bytes[bytes.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
