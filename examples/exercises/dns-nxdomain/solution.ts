// Exercise dns-nxdomain (lesson around/names): the DNS server says "no such name" (NXDOMAIN).
//   npx tsx examples/exercises/dns-nxdomain/server.ts [--host 127.0.0.1] [--port 5300]
//   npm run check -- dns-nxdomain        (checks server.ts; add --file FILE to check another file)
// server.ts is the starter: the work goes in its region "rcode", where the TODO is.
// solution.ts is the same file with that region done. Stop it with Ctrl+C.
import dgram from 'node:dgram';
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
// Every record it knows: a name, a type (A = 1, AAAA = 28) and the record's data, the address's bytes.
// Names under .test are reserved for tests (RFC 6761): no real DNS server answers for them.
const RECORDS = [
  { name: 'curso.test', type: 1, data: [127, 0, 0, 1] }, // A 127.0.0.1
  { name: 'curso.test', type: 28, data: [...Array(15).fill(0), 1] }, // AAAA ::1 (15 zero bytes, then 1)
  { name: 'eco.test', type: 1, data: [127, 0, 0, 1] }, // A 127.0.0.1
];
const TYPES: Record<number, string> = { 1: 'A', 28: 'AAAA' };

// After the 12-byte header comes the question: the name as labels (a length byte, then that many
// bytes; a 0 ends the name), then its type and its class. Not a plain query of that shape: undefined.
function readQuestion(query: Buffer) {
  if (query.length < 12 || (query[2] & 0xf8) !== 0 || query.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let at = 12;
  while (at < query.length && query[at] !== 0) {
    if (query[at] > 63 || at + 1 + query[at] >= query.length) return undefined; // not a label, or cut short
    labels.push(query.toString('latin1', at + 1, at + 1 + query[at]));
    at += 1 + query[at];
  }
  if (at + 5 > query.length) return undefined; // no room for the type and class
  return {
    name: labels.join('.').toLowerCase(),
    type: query.readUInt16BE(at + 1),
    class: query.readUInt16BE(at + 3),
    end: at + 5,
  };
}

const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
socket.on('message', (query, sender) => {
  const from = `${sender.address}:${sender.port}`;
  const question = readQuestion(query);
  if (!question)
    return console.log(`${from} sent ${query.length} bytes that are not a question: ignored`);
  const answers = RECORDS.filter(
    (r) => r.name === question.name && r.type === question.type && question.class === 1,
  );
  // #region rcode
  // NXDOMAIN (3): no record has that name. NOERROR (0): the name exists, even with no record
  // of the type asked for (an empty answer, "no data").
  const rcode = RECORDS.some((r) => r.name === question.name) ? 0 : 3;
  // #endregion rcode
  console.log(
    `${from} asks ${JSON.stringify(question.name)} ${TYPES[question.type] ?? `type ${question.type}`}: rcode ${rcode}, answers ${answers.length}`,
  );
  // The header: the query's id; flags QR (a response), AA (authoritative), RD copied, and the rcode;
  // then the counts, 16 bits each: 1 question, the answers, 0 authority and 0 additional records.
  const header = Buffer.from([
    query[0],
    query[1],
    0x84 | (query[2] & 0x01),
    rcode,
    0,
    1,
    0,
    answers.length,
    0,
    0,
    0,
    0,
  ]);
  socket.send(
    [header, query.subarray(12, question.end), ...answers.map(record)],
    sender.port,
    sender.address,
  );
});
// A record: its name (c0 0c, a pointer to byte 12, where the question's name is), type, class IN,
// TTL (60 s: how long a resolver may keep it), the data's length, the data. Numbers are big-endian.
const record = ({ type, data }: { type: number; data: number[] }) =>
  Buffer.from([0xc0, 0x0c, 0, type, 0, 1, 0, 0, 0, 60, 0, data.length, ...data]);

socket.bind(port, host);
socket.on('listening', () =>
  console.log(`dns server listening on ${host}:${socket.address().port}`),
);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => socket.close(() => process.exit(0)));

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '5300' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
