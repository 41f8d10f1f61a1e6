// One datagram, many receivers: multicast, on the loopback only. --receivers sockets join a group
// (239.255.0.1 by default, an address for local use) on 127.0.0.1, and one sender sends one
// datagram to the group. Nothing leaves the machine: the datagram goes out of the loopback, with TTL 0.
//
//   npx tsx examples/multicast.ts [--group 239.255.0.1] [--port 0] [--receivers 3]
// #region receivers
import dgram from 'node:dgram';
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { group, port, receivers } = commandLine(); // --group, --port and --receivers, read at the end of this file
const LOOPBACK = '127.0.0.1'; // the interface every socket here uses

main(); // the steps below wait for one another: they live in an async function
async function main() {
  // Each receiver binds the group's address and port (reuseAddr: several sockets, one port),
  // then joins the group on the loopback interface (IP_ADD_MEMBERSHIP).
  const members: dgram.Socket[] = [];
  let shared = port; // 0: the first receiver gets a port from the OS, and the others take the same
  for (let i = 0; i < receivers; i++) {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true }).bind(shared, group);
    await once(socket, 'listening');
    shared = socket.address().port;
    socket.addMembership(group, LOOPBACK);
    members.push(socket);
  }
  console.log(`${receivers} receivers joined the group ${group} on ${LOOPBACK}, all on one port`);
  // …
  // #endregion receivers

  // #region send
  // The sender is an ordinary UDP socket: it joins nothing. Its group datagrams go out of the
  // loopback (IP_MULTICAST_IF), come back to this machine's members (IP_MULTICAST_LOOP, on by
  // default) and, with TTL 0, are never handed to a network.
  const sender = dgram.createSocket('udp4').bind(0, LOOPBACK);
  await once(sender, 'listening');
  sender.setMulticastInterface(LOOPBACK);
  sender.setMulticastLoopback(true);
  sender.setMulticastTTL(0);
  const signal = AbortSignal.timeout(2000); // a receiver that hears nothing in 2 s ends the program
  const arrivals = members.map((socket) => once(socket, 'message', { signal }));
  sender.send('hello, group', shared, group); // one send(), one datagram
  const from = `${LOOPBACK}:${sender.address().port}`;
  console.log(`sent 1 datagram from ${from} to the group`);
  for (const [i, [message, rinfo]] of (await Promise.all(arrivals)).entries())
    console.log(
      `receiver ${i + 1} got ${JSON.stringify(`${message}`)} from ${rinfo.address}:${rinfo.port}`,
    );
  for (const socket of [sender, ...members]) socket.close();
  // #endregion send
}

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/multicast.ts [--group 224.0.0.0-239.255.255.255] [--port 0-65535] [--receivers 2-10]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { group: text, port: text, receivers: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { group = '239.255.0.1', port = '0', receivers = '3' } = values;
    const first = Number(group.split('.')[0]);
    if (!net.isIPv4(group) || first < 224 || first > 239) throw new Error('invalid --group');
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^([2-9]|10)$/.test(receivers)) throw new Error('invalid --receivers');
    return { group, port: Number(port), receivers: Number(receivers) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
