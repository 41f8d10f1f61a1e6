// Ports, seen with real sockets: the range the OS picks ports from, port 0, TCP and UDP
// on one number, and the four numbers that name a TCP connection. It opens a TCP server and
// a UDP socket on the same port number (--port 0: the OS chooses one), connects to the TCP
// server, sends one message over each protocol, prints what it sees, closes everything, exits.
//
//   npx tsx examples/ports.ts [--host 127.0.0.1] [--port 0]
import dgram from 'node:dgram';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net, { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
main(); // the steps below wait for one another: they live in an async function

async function main() {
  // #region range
  // Linux picks ephemeral ports (for port 0 and for clients) from this range.
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    console.log(`ephemeral ports here: ${low} to ${high}`);
  } catch {
    console.log('no /proc/sys/net/ipv4/ip_local_port_range here (not Linux?): macOS and Windows use 49152 to 65535');
  }
  // #endregion range

  // #region tcp
  const server = net.createServer();
  server.listen(port, host);
  // Waits for 'listening'; an 'error' instead (EADDRINUSE, EACCES…) ends the program.
  await once(server, 'listening').catch((err) => fail(`cannot listen on TCP ${address(host, port)}`, err));
  const chosen = server.address() as net.AddressInfo;
  const how = port === 0 ? 'port 0: the OS chose it' : `you asked for port ${port}`;
  console.log(`TCP server listening on ${address(host, chosen.port)} (${how})`);
  // #endregion tcp

  // #region udp
  const udp = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  udp.bind(chosen.port, host); // the same number, in the other protocol
  await once(udp, 'listening').catch((err) => fail(`cannot bind UDP to ${address(host, chosen.port)}`, err));
  console.log(`UDP socket bound to     ${address(host, chosen.port)} (same number, other protocol)`);
  // #endregion udp

  // #region tuple
  // A client never calls bind(): connecting gives it an ephemeral port.
  const accepted = once(server, 'connection');
  const client = net.connect(chosen.port, host);
  await once(client, 'connect');
  const [serverSide] = (await accepted) as [net.Socket];
  // Each end sees the same four numbers: local IP and port, remote IP and port.
  const tuple = (s: net.Socket) => `local ${address(s.localAddress!, s.localPort!)}  remote ${address(s.remoteAddress!, s.remotePort!)}`;
  console.log(`client side: ${tuple(client)}`);
  console.log(`server side: ${tuple(serverSide)}`);
  // #endregion tuple

  // #region deliver
  // Same number, but each protocol's data reaches that protocol's socket.
  const from = address(serverSide.remoteAddress!, serverSide.remotePort!);
  client.end('hello over TCP');
  let text = '';
  for await (const chunk of serverSide.setEncoding('utf8')) text += chunk;
  console.log(`TCP server got ${JSON.stringify(text)} from ${from}`);

  const sender = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  sender.send('hello over UDP', chosen.port, host);
  const [datagram, rinfo] = await once(udp, 'message');
  console.log(`UDP socket got ${JSON.stringify(datagram.toString())} from ${address(rinfo.address, rinfo.port)}`);
  // Done: close what is still open (the TCP connection closed itself), and the program ends.
  for (const socket of [sender, udp, server]) socket.close();
  // #endregion deliver
}

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/ports.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new Error(`invalid port "${values.port}": use 0 to 65535`);
    return { host: values.host, port: Number(values.port) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
    ENOTFOUND: `unknown host "${host}"`,
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}

function address(host: string, port: number) {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
