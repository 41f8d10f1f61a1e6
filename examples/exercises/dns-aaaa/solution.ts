// Exercise dns-aaaa (lesson around/names): a DNS client by hand that asks one server for the IPv6
// addresses of a NAME (its AAAA records) and prints them, one per line, in their short form.
//
//   npx tsx examples/exercises/dns-aaaa/client.ts [--server 127.0.0.1] [--port 5300] [--timeout 2000] NAME
//   npm run check -- dns-aaaa        (checks client.ts; add --file FILE to check another file)
//
// Try it against examples/dns-server.ts: curso.test has the AAAA record ::1.
// client.ts is the starter: the work goes in its region "query", where the TODO is.
// solution.ts is the same file with that region done.
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { server, port, timeout, name } = commandLine(); // the options and NAME, read at the end of this file
const socket = dgram.createSocket('udp4');

// #region query
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]); // 2 bytes, big-endian
const id = randomInt(0x10000); // random: only the answer to this query carries it
const labels = name.split('.').map((label) => Buffer.from([label.length, ...Buffer.from(label)]));
const query = Buffer.concat([
  u16(id),
  u16(0x0100), // a standard query; RD: recursion desired
  Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]), // 1 question; 0 answer, authority, additional records
  ...labels,
  Buffer.from([0]), // the name's end
  u16(28), // type AAAA
  u16(1), // class IN
]);

socket.connect(port, server, () => socket.send(query));
const timer = setTimeout(() => {
  console.error(`no answer from ${server}:${port} after ${timeout} ms`);
  process.exit(1);
}, timeout);

socket.on('message', (answer) => {
  if (answer.length < 12 || answer.readUInt16BE(0) !== id) return; // not the answer to our query
  clearTimeout(timer);
  socket.close();
  const rcode = answer[3] & 0x0f;
  if (rcode === 3) throw new Error(`${name}: no such name (NXDOMAIN)`);
  if (rcode !== 0) throw new Error(`${name}: the server answered rcode ${rcode}`);
  let at = query.length; // the records start after the question, which the answer repeats
  for (let i = 0; i < answer.readUInt16BE(6); i++) {
    while (answer[at] > 0 && answer[at] < 0xc0) at += 1 + answer[at]; // the record's name: labels…
    at += answer[at] === 0 ? 1 : 2; // …that end in a 0, or in a pointer (2 bytes)
    const type = answer.readUInt16BE(at); // then type, class, TTL, the data's length, the data
    const length = answer.readUInt16BE(at + 8);
    const data = answer.subarray(at + 10, (at += 10 + length));
    if (type === 28 && length === 16) console.log(ipv6(data)); // other types (a CNAME…): skipped
  }
});

// 16 bytes as an IPv6 address in its short form: 2001:db8::1, not 2001:0db8:0000:…:0001.
function ipv6(bytes: Buffer): string {
  const full = bytes.toString('hex').replace(/(....)(?!$)/g, '$1:');
  return new net.SocketAddress({ address: full, family: 'ipv6' }).address;
}
// #endregion query

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--server ADDRESS] [--port 1-65535] [--timeout MS] NAME`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { server: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { server = '127.0.0.1', port = '5300', timeout = '2000' } = values;
    const [name = ''] = positionals;
    const isName = /^([a-z\d-]{1,63}\.)*[a-z\d-]{1,63}$/i.test(name) && name.length <= 253;
    if (!isName || positionals.length > 1) throw new Error('give one NAME, such as curso.test');
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    return { server, port: Number(port), timeout: Number(timeout), name };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
