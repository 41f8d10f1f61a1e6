// Ports, seen with real sockets: the range the OS picks ports from, port 0,
// TCP and UDP on one number, and the four numbers that name a TCP connection.
//
//   npx tsx examples/ports.ts [--host 127.0.0.1] [--port 0]
//
// It opens a TCP server and a UDP socket on the same port number (--port 0:
// the OS chooses one), connects to the TCP server, sends one message over each
// protocol, prints what it sees, closes everything and exits.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net, { isIPv6, type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/ports.ts [--host ADDRESS] [--port 0-65535]';
const RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';

export interface PortsOptions {
  host: string;
  port: number; // 0 lets the operating system choose a free port
  log?: (line: string) => void;
}

/** Runs the whole demonstration, then closes every socket it opened. */
export async function showPorts({ host, port, log = console.log }: PortsOptions): Promise<void> {
  // #region range
  // Linux picks ephemeral ports (for port 0 and for clients) from this range.
  try {
    const [low, high] = readFileSync(RANGE_FILE, 'utf8').trim().split(/\s+/);
    log(`ephemeral ports here: ${low} to ${high}`);
  } catch {
    log(`no ${RANGE_FILE} here (not Linux?): macOS and Windows use 49152 to 65535`);
  }
  // #endregion range

  const server = net.createServer();
  const udp = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  const cleanup: (() => void)[] = []; // what to close at the end, whatever happens
  try {
    // #region tcp
    server.listen(port, host);
    // Waits for 'listening'; an 'error' instead (EADDRINUSE, EACCES…) throws.
    await once(server, 'listening');
    const chosen = (server.address() as AddressInfo).port;
    const how = port === 0 ? 'port 0: the OS chose it' : `you asked for port ${port}`;
    log(`TCP server listening on ${formatAddress(host, chosen)} (${how})`);
    // #endregion tcp

    // #region udp
    udp.bind(chosen, host); // the same number, in the other protocol
    await once(udp, 'listening');
    const where = formatAddress(host, chosen);
    log(`UDP socket bound to     ${where} (same number, other protocol)`);
    // #endregion udp

    // #region tuple
    // A client never calls bind(): connecting gives it an ephemeral port.
    const accepted = once(server, 'connection');
    const client = net.connect(chosen, host);
    cleanup.push(() => client.destroy());
    await once(client, 'connect');
    const [serverSide] = (await accepted) as [net.Socket];
    cleanup.push(() => serverSide.destroy());
    // Each end sees the same four numbers: local IP and port, remote IP and port.
    const tuple = (s: net.Socket) => {
      const local = formatAddress(s.localAddress!, s.localPort!);
      const remote = formatAddress(s.remoteAddress!, s.remotePort!);
      return `local ${local}  remote ${remote}`;
    };
    log(`client side: ${tuple(client)}`);
    log(`server side: ${tuple(serverSide)}`);
    // #endregion tuple

    // #region deliver
    // Same number, but each protocol's data reaches that protocol's socket.
    const from = formatAddress(serverSide.remoteAddress!, serverSide.remotePort!);
    client.end('hello over TCP');
    serverSide.setEncoding('utf8');
    let text = '';
    for await (const chunk of serverSide) text += chunk;
    log(`TCP server got ${JSON.stringify(text)} from ${from}`);

    const sender = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    cleanup.push(() => sender.close());
    const arrival = once(udp, 'message');
    sender.send('hello over UDP', chosen, host);
    const [datagram, rinfo] = (await arrival) as [Buffer, dgram.RemoteInfo];
    const sentBy = formatAddress(rinfo.address, rinfo.port);
    log(`UDP socket got ${JSON.stringify(datagram.toString())} from ${sentBy}`);
    // #endregion deliver
  } finally {
    for (const close of cleanup) close();
    server.close();
    try {
      udp.close();
    } catch {
      // it was never bound
    }
  }
}

function formatAddress(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new Error(`invalid port "${text}": use a whole number from 0 to 65535`);
  }
  return Number(text);
}

function explain(err: NodeJS.ErrnoException & { port?: number }, { host, port }: PortsOptions): string {
  // The failing call tells the protocol: TCP servers listen(), UDP sockets bind().
  const what =
    err.syscall === 'bind'
      ? `bind UDP to ${formatAddress(host, err.port ?? port)}`
      : `listen on TCP ${formatAddress(host, port)}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `cannot ${what}: the port is already in use (EADDRINUSE)`;
    case 'EACCES':
      return `cannot ${what}: ports below 1024 need administrator rights (EACCES)`;
    case 'EADDRNOTAVAIL':
      return `cannot ${what}: ${host} is not an address of this machine (EADDRNOTAVAIL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot ${what}: unknown host "${host}" (${err.code})`;
    default:
      return `cannot ${what}: ${err.message}`;
  }
}

async function main() {
  let options: PortsOptions;
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = { host: values.host, port: parsePort(values.port) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  try {
    await showPorts(options);
  } catch (err) {
    console.error(explain(err as NodeJS.ErrnoException, options));
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
