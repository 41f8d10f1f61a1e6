// How big can a datagram be? Sends datagrams of several sizes over loopback,
// on IPv4 (127.0.0.1) and on IPv6 (::1), and says for each one whether it
// arrived or whether the operating system refused to send it (EMSGSIZE).
//
//   npx tsx examples/datagram-size.ts [--port 0] [SIZE ...]
//
// With no SIZE it tries the limits: 65507 and 65508 bytes on udp4, 65527 and 65528 on udp6.
// --port is the port its receiving sockets bind (default 0: the OS chooses). It then exits.
// #region try
import dgram from 'node:dgram';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { port, sizes } = commandLine(); // --port and the SIZEs, read at the end of this file

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
    const [message] = await once(receiver, 'message', { signal: AbortSignal.timeout(1000) }).catch(
      () => [],
    );
    const outcome = message
      ? `delivered (${message.length} bytes arrived)`
      : 'sent, but nothing arrived within 1 s';
    console.log(`${family} ${size} bytes: ${outcome}`);
  }
  sender.close();
  receiver.close();
}
// #endregion try

// #region families
// One family after the other. With no SIZE: the largest payload, and one byte more.
async function main() {
  await trySizes('udp4', '127.0.0.1', sizes ?? [65507, 65508]);
  await trySizes('udp6', '::1', sizes ?? [65527, 65528]);
}
main();
// #endregion families

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/datagram-size.ts [--port 0-65535] [SIZE ...]';
  try {
    const { values, positionals } = parseArgs({
      options: { port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (values.help) exit(0, usage);
    const sizes = positionals.map((text) => number('size', text, 0, 1_000_000)); // a bound on what we allocate
    return { port: number('port', values.port, 0, 65535), sizes: sizes.length ? sizes : undefined };
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
    EADDRNOTAVAIL: 'no such address here (no IPv6 loopback?)',
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
