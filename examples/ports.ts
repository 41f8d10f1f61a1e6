// Ports, seen with real sockets: the ephemeral range, port 0, TCP and UDP on one number.
//
//   npx tsx examples/ports.ts [--host 127.0.0.1] [--port 0]
// #region range
import dgram from 'node:dgram';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net, { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
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
  // #endregion range

  // #region tcp
  const server = net.createServer().listen(port, host); // then 'listening', or an 'error' (EADDRINUSE…)
  await once(server, 'listening').catch((err) =>
    fail(`cannot listen on TCP ${address(host, port)}`, err),
  );
  const chosen = server.address() as net.AddressInfo;
  const how = port === 0 ? 'port 0: the OS chose it' : `you asked for port ${port}`;
  console.log(`TCP server listening on ${address(host, chosen.port)} (${how})`);
  // #endregion tcp

  // #region udp
  const udp = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4').bind(chosen.port, host); // the same number, other protocol
  await once(udp, 'listening').catch((err) =>
    fail(`cannot bind UDP to ${address(host, chosen.port)}`, err),
  );
  console.log(
    `UDP socket bound to     ${address(host, chosen.port)} (same number, other protocol)`,
  );
  // #endregion udp

  // #region deliver
  // One message in each protocol, to the same number. Neither client calls bind(): it gets an
  // ephemeral port when it connects (TCP), or from Node just before its first send (UDP).
  const accepted = once(server, 'connection'); // the server's end of the next connection
  const client = net.connect(chosen.port, host);
  client.end('hello over TCP');
  const [serverSide] = (await accepted) as [net.Socket];
  const from = address(serverSide.remoteAddress!, serverSide.remotePort!);
  let text = '';
  for await (const chunk of serverSide.setEncoding('utf8')) text += chunk; // until the client's end
  console.log(`TCP server got ${JSON.stringify(text)} from ${from}`);
  const sender = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  sender.send('hello over UDP', chosen.port, host);
  const [datagram, rinfo] = await once(udp, 'message');
  console.log(
    `UDP socket got ${JSON.stringify(datagram.toString())} from ${address(rinfo.address, rinfo.port)}`,
  );
  for (const socket of [sender, udp, server]) socket.close(); // the TCP connection closed itself: done
  // #endregion deliver
}

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/ports.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return { host: values.host, port: number('port', values.port, 0, 65535) };
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
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
