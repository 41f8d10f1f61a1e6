// Ports, seen with real sockets: the ephemeral range, port 0, TCP and UDP on one number.
//
//   npx tsx examples/ports.ts [--host 127.0.0.1] [--port 0]
// #region range
import dgram from 'node:dgram';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
// An address and a port as people write them: 127.0.0.1:12000, or [::1]:12000 on IPv6.
const where = (ip: string, port: number) => (net.isIPv6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`);
main(); // the steps below wait for one another: they live in an async function
async function main() {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/);
    console.log(`ephemeral ports here: ${low} to ${high}`);
  } catch {
    console.log(
      'no /proc/sys/net/ipv4/ip_local_port_range here (not Linux?): macOS and Windows use 49152 to 65535',
    );
  }
  // … and then the steps below, one after the other.
  // #endregion range

  // #region tcp
  const server = net.createServer().listen(port, host); // then 'listening', or an 'error' (EADDRINUSE…)
  await once(server, 'listening'); // (an 'error' ends the program, in one line)
  const chosen = server.address() as net.AddressInfo;
  const how = port === 0 ? 'port 0: the OS chose it' : `you asked for port ${port}`;
  console.log(`TCP server listening on ${where(host, chosen.port)} (${how})`);
  // #endregion tcp

  // #region udp
  const udp = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4').bind(chosen.port, host); // the same number, other protocol
  await once(udp, 'listening');
  console.log(`UDP socket bound to     ${where(host, chosen.port)} (same number, other protocol)`);
  // #endregion udp

  // #region deliver
  // One message in each protocol, to the same number. Neither client calls bind(): it gets an
  // ephemeral port when it connects (TCP), or from Node just before its first send (UDP).
  const accepted = once(server, 'connection'); // the server's end of the next connection
  const client = net.connect(chosen.port, host);
  client.end('hello over TCP');
  const [serverSide] = (await accepted) as [net.Socket];
  const from = where(serverSide.remoteAddress!, serverSide.remotePort!);
  let text = '';
  for await (const chunk of serverSide.setEncoding('utf8')) text += chunk; // until the client's end
  console.log(`TCP server got ${JSON.stringify(text)} from ${from}`);
  const sender = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  sender.send('hello over UDP', chosen.port, host);
  const [datagram, rinfo] = await once(udp, 'message');
  console.log(
    `UDP socket got ${JSON.stringify(datagram.toString())} from ${where(rinfo.address, rinfo.port)}`,
  );
  for (const socket of [sender, udp, server]) socket.close(); // the TCP connection closed itself: done
  // #endregion deliver
}

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/ports.ts [--host ADDRESS] [--port 0-65535]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '0' } = values;
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
