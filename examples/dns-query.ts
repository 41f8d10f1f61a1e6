// A DNS query by hand: one question in one UDP datagram to one server (by default 127.0.0.1:5300,
// where examples/dns-server.ts listens), then the records in the answer.
//   npx tsx examples/dns-query.ts [--server 127.0.0.1] [--port 5300] NAME [A|AAAA]
// #region query
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { name, type, server, port } = commandLine(); // NAME, its type, --server and --port, read at the end of this file

// The query, part by part. Numbers take 2 bytes, the most significant first (big-endian).
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const id = randomInt(0x10000); // random: the answer must carry the same id
const labels = name.split('.').map((label) => Buffer.from([label.length, ...Buffer.from(label)]));
const query: [string, Buffer][] = [
  ['id', u16(id)],
  ['flags', u16(0x0100)], // a standard query; RD: recursion desired
  ['counts', Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])], // 1 question; 0 answer, authority, additional records
  ['question', Buffer.concat([...labels, Buffer.from([0]), u16(type === 'A' ? 1 : 28), u16(1)])], // name, type, class IN
];
const bytes = Buffer.concat(query.map(([, part]) => part));
show(query, `query: ${bytes.length} bytes to ${server}:${port}`);

// Prints a title, then each part's bytes in hex, one line per part: "  id        4f 2a".
function show(parts: [string, Buffer][], title?: string) {
  if (title) console.log(title);
  for (const [what, part] of parts)
    console.log(`  ${what.padEnd(9)} ${part.toString('hex').replace(/(..)(?!$)/g, '$1 ')}`);
}
// #endregion query

// #region send
// A connected socket: only datagrams from that address and port come in (and ECONNREFUSED can).
const socket = dgram.createSocket(net.isIPv6(server) ? 'udp6' : 'udp4');
socket.connect(port, server, (err?: Error) => {
  if (err) throw err; // a --server name with no address (ENOTFOUND)
  socket.send(bytes);
});
const timer = setTimeout(() => {
  console.error(`no answer from ${server}:${port} after 2000 ms`);
  process.exit(1);
}, 2000);
// #endregion send

// #region answer
// The answer: the header (the same id, other flags and counts), our question, then the records.
socket.on('message', (answer) => {
  if (answer.length < 12 || answer.readUInt16BE(0) !== id) return; // not the answer to this query
  clearTimeout(timer);
  socket.close();
  show(
    [
      ['id', answer.subarray(0, 2)],
      ['flags', answer.subarray(2, 4)],
      ['counts', answer.subarray(4, 12)],
      ['question', answer.subarray(12, bytes.length)],
    ],
    `answer: ${answer.length} bytes, rcode ${answer[3] & 0x0f}`,
  );
  for (let i = 0, at = bytes.length; i < answer.readUInt16BE(6); i++) {
    const start = at;
    // The record's name: labels that end in a 0, or in a pointer to a name said before (2 bytes, c0 …).
    while (answer[at] > 0 && answer[at] < 0xc0) at += 1 + answer[at];
    at += answer[at] === 0 ? 1 : 2;
    if (at + 10 > answer.length) throw new Error('the answer is cut short');
    // Then its type (2 bytes), class (2), TTL (4), the data's length (2) and the data.
    const [rtype, ttl, length] = [
      answer.readUInt16BE(at),
      answer.readUInt32BE(at + 4),
      answer.readUInt16BE(at + 8),
    ];
    const data = answer.subarray(at + 10, (at += 10 + length));
    show([['answer', answer.subarray(start, at)]]);
    if (rtype === 1 && data.length === 4) console.log(`${name} A ${data.join('.')} (ttl ${ttl} s)`);
    if (rtype === 28 && data.length === 16)
      console.log(
        `${name} AAAA ${new net.SocketAddress({ address: data.toString('hex').replace(/(....)(?!$)/g, '$1:'), family: 'ipv6' }).address} (ttl ${ttl} s)`,
      );
  }
});
// #endregion answer

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/dns-query.ts [--server ADDRESS] [--port 1-65535] NAME [A|AAAA]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { server: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { server = '127.0.0.1', port = '5300' } = values;
    const [name = '', type = 'A'] = positionals;
    const isName = /^([a-z\d-]{1,63}\.)*[a-z\d-]{1,63}\.?$/i.test(name) && name.length <= 253;
    if (!isName || !/^(A|AAAA)$/i.test(type) || positionals.length > 2)
      throw new Error(`invalid question "${positionals.join(' ')}": use NAME [A|AAAA]`);
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { name: name.replace(/\.$/, ''), type: type.toUpperCase(), server, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
