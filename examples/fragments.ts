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
  await once(socket, 'listening').catch((err) => fail(`cannot bind [::1]:${port}`, err));
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
      if (!message)
        fail(`udp6 ${size} bytes`, {
          code: 'ETIMEDOUT',
          message: 'nothing arrived within 1 s',
        } as NodeJS.ErrnoException);
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
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/fragments.ts [--port 0-65535] [SIZE ...]';
  try {
    const { values, positionals } = parseArgs({
      options: { port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (values.help) exit(0, usage);
    const sizes = positionals.map((text) => number('size', text, 0, 65527)); // the largest udp6 datagram
    try {
      readFileSync('/proc/net/snmp6');
    } catch {
      exit(1, 'this program needs Linux: there is no /proc/net/snmp6 here (or no IPv6)');
    }
    return {
      port: number('port', values.port, 0, 65535),
      sizes: sizes.length ? sizes : [65488, 65489, 65527],
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: 'no IPv6 loopback (::1) here',
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
