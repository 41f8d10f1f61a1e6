// How big can a datagram be? Sends datagrams of several sizes over loopback,
// on IPv4 (127.0.0.1) and on IPv6 (::1), and says for each one whether it
// arrived or whether the operating system refused to send it (EMSGSIZE).
//
//   npx tsx examples/datagram-size.ts [--port 0] [SIZE ...]
//
// With no SIZE it tries the limits: 65507 and 65508 bytes on udp4, 65527 and 65528 on udp6.
// --port is the port its receiving sockets bind (default 0: the OS chooses). It then exits.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { port, sizes } = commandLine(); // --port and the SIZEs, read at the end of this file

// #region families
// One family after the other. With no SIZE: the largest payload, and one byte more.
async function main() {
  await trySizes('udp4', '127.0.0.1', sizes ?? [65507, 65508]);
  await trySizes('udp6', '::1', sizes ?? [65527, 65528]);
}
main();
// #endregion families

// #region try
// Sends one datagram of each size from a fresh socket to a receiver on loopback.
async function trySizes(family: 'udp4' | 'udp6', host: string, sizes: number[]) {
  const receiver = dgram.createSocket(family);
  const sender = dgram.createSocket(family);
  sender.on('error', () => {}); // its errors come back in send()'s callback
  receiver.bind(port, host);
  await once(receiver, 'listening').catch((err) => fail(`cannot bind ${address(host, port)}`, err));
  for (const size of sizes) {
    // Too big for one datagram: refused at once, and nothing leaves.
    const err = await new Promise<NodeJS.ErrnoException | null>((sent) => {
      sender.send(Buffer.alloc(size, 'x'), receiver.address().port, host, sent);
    });
    if (err) {
      console.log(`${family} ${size} bytes: ${err.code}, the datagram was not sent`);
      continue;
    }
    // One 'message' event per datagram, always with the whole datagram:
    // Node reads into a buffer large enough for the largest one.
    const [message] = await once(receiver, 'message', { signal: AbortSignal.timeout(1000) }).catch(() => []);
    const outcome = message ? `delivered (${message.length} bytes arrived)` : 'sent, but nothing arrived within 1 s';
    console.log(`${family} ${size} bytes: ${outcome}`);
  }
  sender.close();
  receiver.close();
}
// #endregion try

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/datagram-size.ts [--port 0-65535] [SIZE ...]';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const port = whole('port', values.port, 65535);
    const sizes = positionals.map((text) => whole('size', text, 1_000_000)); // a bound on what we allocate
    return { port, sizes: sizes.length ? sizes : undefined };
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

function whole(name: string, text: string, max: number) {
  if (!/^\d{1,7}$/.test(text) || Number(text) > max) throw new Error(`invalid ${name} "${text}": use 0 to ${max}`);
  return Number(text);
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is already in use',
    EACCES: 'ports below 1024 need administrator rights',
    EADDRNOTAVAIL: 'no such address here (no IPv6 loopback?)',
  };
  console.error(`${what}: ${why[err.code!] ?? err.message} (${err.code})`);
  process.exit(1);
}

function address(host: string, port: number) {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
