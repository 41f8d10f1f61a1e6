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
  await once(receiver, 'listening'); // or its 'error', such as EADDRINUSE, which ends the program
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
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/datagram-size.ts [--port 0-65535] [SIZE ...]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values, positionals } = parseArgs({
      options: { port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (values.help) exit(0, usage);
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error('invalid --port');
    // A SIZE: a whole number of bytes under a million (a bound on what the program allocates).
    if (!positionals.every((size) => /^\d{1,6}$/.test(size))) throw new Error('invalid SIZE');
    return { port, sizes: positionals.length ? positionals.map(Number) : undefined };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
