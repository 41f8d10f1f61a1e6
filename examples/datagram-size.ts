// How big can a datagram be? Sends datagrams of several sizes over loopback,
// on IPv4 (127.0.0.1) and on IPv6 (::1), and says for each one whether it
// arrived or whether the operating system refused to send it (EMSGSIZE).
//
//   npx tsx examples/datagram-size.ts [--port 0] [SIZE ...]
//
// With no SIZE it tries the limits: 65507 and 65508 bytes on udp4,
// 65527 and 65528 bytes on udp6. Given SIZEs, it tries each on both.
// --port is the port its receiving sockets bind (default 0: the OS chooses).
import dgram from 'node:dgram';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx examples/datagram-size.ts [--port 0-65535] [SIZE ...]';
const MAX_SIZE = 1_000_000; // a bound on what we allocate, well above any datagram

export type Family = 'udp4' | 'udp6';
export type Outcome =
  | { kind: 'delivered'; received: number } // bytes that arrived in one 'message'
  | { kind: 'refused'; code: string } // the send failed, e.g. EMSGSIZE
  | { kind: 'lost' }; // sent, but nothing arrived in time

export const LOOPBACK: Record<Family, string> = { udp4: '127.0.0.1', udp6: '::1' };
export const LIMITS: Record<Family, number[]> = { udp4: [65507, 65508], udp6: [65527, 65528] };

/** Sends one datagram of each size from a fresh socket to a receiver on loopback. */
export async function trySizes(family: Family, sizes: number[], port = 0): Promise<Outcome[]> {
  const address = LOOPBACK[family];
  const receiver = dgram.createSocket(family);
  const sender = dgram.createSocket(family);
  sender.on('error', () => {}); // send errors come back in send()'s callback
  try {
    await new Promise<void>((resolve, reject) => {
      receiver.on('error', reject); // e.g. EADDRINUSE, or no IPv6 on this machine
      receiver.bind(port, address, () => resolve());
    });
    const to = receiver.address().port;
    const outcomes: Outcome[] = [];
    for (const size of sizes) outcomes.push(await sendOne(sender, receiver, size, to, address));
    return outcomes;
  } finally {
    sender.close();
    receiver.close();
  }
}

function sendOne(sender: dgram.Socket, receiver: dgram.Socket, size: number, port: number, address: string) {
  return new Promise<Outcome>((resolve) => {
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      receiver.off('message', onMessage);
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ kind: 'lost' }), 1000);

    // #region receive
    // One 'message' event per datagram, always with the whole datagram:
    // Node reads into a buffer large enough for the largest one.
    const onMessage = (message: Buffer) => {
      done({ kind: 'delivered', received: message.length });
    };
    receiver.on('message', onMessage);
    // #endregion receive

    // #region send
    sender.send(Buffer.alloc(size, 'x'), port, address, (err) => {
      // Too big for one datagram: refused at once, nothing leaves.
      const code = (err as NodeJS.ErrnoException | null)?.code;
      if (err) done({ kind: 'refused', code: code ?? err.message });
    });
    // #endregion send
  });
}

function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'delivered':
      return `delivered (${outcome.received} bytes arrived)`;
    case 'refused':
      return `${outcome.code}, the datagram was not sent`;
    case 'lost':
      return 'sent, but nothing arrived within 1 s';
  }
}

function parseSize(text: string, name = 'size'): number {
  if (!/^\d+$/.test(text) || Number(text) > MAX_SIZE) {
    throw new Error(`invalid ${name} "${text}": use a whole number from 0 to ${MAX_SIZE}`);
  }
  return Number(text);
}

async function main() {
  let port: number;
  let sizes: number[] | undefined;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '0' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    port = parseSize(values.port, 'port');
    if (port > 65535) throw new Error(`invalid port "${values.port}": use a whole number from 0 to 65535`);
    sizes = positionals.length ? positionals.map((s) => parseSize(s)) : undefined;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  for (const family of ['udp4', 'udp6'] as const) {
    const tried = sizes ?? LIMITS[family];
    let outcomes: Outcome[];
    try {
      outcomes = await trySizes(family, tried, port);
    } catch (err) {
      const { code, message } = err as NodeJS.ErrnoException;
      if (family === 'udp6' && code === 'EADDRNOTAVAIL') {
        console.log(`udp6: skipped, this machine has no IPv6 loopback (::1)`);
        continue;
      }
      const where = family === 'udp6' ? `[::1]:${port}` : `127.0.0.1:${port}`;
      console.error(code === 'EADDRINUSE' ? `cannot bind ${where}: the port is already in use (EADDRINUSE)` : `cannot bind ${where}: ${message}`);
      process.exit(1);
    }
    tried.forEach((size, i) => console.log(`${family} ${size} bytes: ${describe(outcomes[i])}`));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
