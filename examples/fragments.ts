// Are big IPv6 datagrams cut into fragments, even on loopback? Sends one udp6 datagram of each
// size to itself over ::1, and reads a counter of the Linux kernel before and after: how many
// IPv6 fragments this machine has made (Ip6FragCreates, in /proc/net/snmp6).
//
//   npx tsx examples/fragments.ts [--port 0] [SIZE ...]
//
// With no SIZE: 65488 bytes (the most that fits in one packet on lo), 65489 and 65527.
// --port is the port its socket binds (default 0: the OS chooses). Linux only. It then exits.
// #region count
import dgram from 'node:dgram';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { port, sizes } = commandLine(); // --port and the SIZEs, read at the end of this file

// The largest IP packet the loopback interface carries in one piece.
const mtu = Number(readFileSync('/sys/class/net/lo/mtu', 'utf8'));
console.log(
  `lo's MTU is ${mtu} bytes: one IPv6 packet holds at most ${mtu} - 40 - 8 = ${mtu - 48} bytes of UDP data`,
);

// How many IPv6 fragments this machine has made since it started: a counter the kernel keeps.
function fragmentsMade() {
  return Number(/^Ip6FragCreates\s+(\d+)$/m.exec(readFileSync('/proc/net/snmp6', 'utf8'))![1]);
}
// #endregion count

// #region send
async function main() {
  const socket = dgram.createSocket('udp6'); // it sends to itself, over ::1
  socket.bind(port, '::1');
  await once(socket, 'listening'); // or its 'error' (no IPv6 here?), which ends the program
  for (const size of sizes) {
    // The counter is the whole machine's: another program may fragment at the same moment.
    // So send three times and keep the smallest growth, which is this datagram's own.
    let made = Infinity;
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = fragmentsMade();
      socket.send(Buffer.alloc(size, 'x'), socket.address().port, '::1');
      const [message] = await once(socket, 'message', { signal: AbortSignal.timeout(1000) }).catch(
        () => [],
      );
      if (!message) throw new Error(`udp6 ${size} bytes: nothing arrived within 1 s`);
      made = Math.min(made, fragmentsMade() - before);
    }
    const how = made === 0 ? 'in one packet' : `in ${made} fragments`;
    console.log(`udp6 ${size} bytes: sent ${how} (Ip6FragCreates +${made}), arrived whole`);
  }
  socket.close();
}
main();
// #endregion send

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/fragments.ts [--port 0-65535] [SIZE ...]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values, positionals } = parseArgs({
      options: { port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (values.help) exit(0, usage);
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error('invalid --port');
    // A SIZE: a whole number of bytes, at most 65527 (the largest udp6 datagram).
    if (!positionals.every((size) => /^\d+$/.test(size) && Number(size) <= 65527))
      throw new Error('invalid SIZE');
    return { port, sizes: positionals.length ? positionals.map(Number) : [65488, 65489, 65527] };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
