// The UDP checksum, worked out as the kernel works it out (RFC 768): the 16-bit ones' complement
// sum of a pseudo-header (the IP addresses, the protocol, the length), the UDP header and the data.
// It prints the checksum of each MESSAGE, as a datagram from 127.0.0.1:50001 to 127.0.0.1:PORT.
//
//   npx tsx examples/checksum.ts [--port 12000] [MESSAGE ...]
//
// With no MESSAGE: "pay 1234", the same with its two halves swapped ("pay 3412"), and "pay 1235".
// It sends nothing: it only computes. It then exits.
// #region sum
import { parseArgs } from 'node:util';

const { port, messages } = commandLine(); // --port and the MESSAGEs, read at the end of this file

function udpChecksum(data: Buffer, from = [127, 0, 0, 1, 50001], to = [127, 0, 0, 1, port]) {
  const length = 8 + data.length; // UDP header + data
  const words = Buffer.alloc(12 + 8 + data.length + (data.length % 2)); // padded to whole 16-bit words
  words.set([...from.slice(0, 4), ...to.slice(0, 4), 0, 17], 0); // pseudo-header: addresses, 0, protocol 17 (UDP)
  words.writeUInt16BE(length, 10);
  words.writeUInt16BE(from[4], 12); // the UDP header: source port, destination port, length,
  words.writeUInt16BE(to[4], 14);
  words.writeUInt16BE(length, 16); // and a checksum field of 0 while summing
  data.copy(words, 20);
  let sum = 0;
  for (let i = 0; i < words.length; i += 2) sum += words.readUInt16BE(i); // add 16 bits at a time,
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16); // carries folded back in (ones' complement)
  return ~sum & 0xffff || 0xffff; // inverted; 0 would mean "no checksum", so it is sent as 0xffff
}
// #endregion sum

// #region print
const first = udpChecksum(Buffer.from(messages[0]));
for (const message of messages) {
  const sum = udpChecksum(Buffer.from(message));
  const note =
    message === messages[0]
      ? ''
      : sum === first
        ? `   the same as ${JSON.stringify(messages[0])}'s`
        : '   different';
  console.log(
    `${JSON.stringify(message).padEnd(12)} checksum 0x${sum.toString(16).padStart(4, '0')}${note}`,
  );
}
// #endregion print

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/checksum.ts [--port 1-65535] [MESSAGE ...]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values, positionals } = parseArgs({
      options: { port: { type: 'string', default: '12000' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (values.help) exit(0, usage);
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) throw new Error('invalid --port');
    if (positionals.some((text) => Buffer.byteLength(text) > 65_507))
      throw new Error('a MESSAGE is longer than any UDP datagram');
    return {
      port,
      messages: positionals.length ? positionals : ['pay 1234', 'pay 3412', 'pay 1235'],
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
