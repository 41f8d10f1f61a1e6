// What crosses a network whole? Sends one message of each SIZE to an echo server and says what
// came back: over UDP, one datagram each, from one connected socket; over TCP (--tcp), one
// connection each. It prints sizes and errors, never the bytes (all of them the letter x).
//
//   npx tsx examples/echo-sizes.ts [--host 127.0.0.1] [--port 12000] [--tcp] [--timeout 500] SIZE...
// #region udp
import dgram from 'node:dgram';
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, tcp, timeout, sizes } = commandLine(); // read at the end of this file

// A connected socket talks to one peer, and the kernel tells it of the ICMP errors about that
// peer: on its next read, an 'error' (ECONNREFUSED, or EMSGSIZE when a router on the way said
// "fragmentation needed"). An unconnected socket never hears of them.
async function overUdp() {
  const socket = dgram.createSocket('udp4');
  socket.connect(port, host);
  await once(socket, 'connect');
  for (const size of sizes) {
    socket.send(Buffer.alloc(size, 'x'));
    // once() waits for the echo; it fails with the socket's 'error', or when the time is up.
    const echo = await once(socket, 'message', { signal: AbortSignal.timeout(timeout) }).then(
      ([message]: Buffer[]) => `${message.length} bytes came back`,
      (err: NodeJS.ErrnoException) => {
        if (err.name === 'AbortError') return `nothing came back within ${timeout} ms`;
        if (err.code === 'EMSGSIZE') return 'EMSGSIZE';
        throw err; // ECONNREFUSED (nobody listens there)…: the program ends, in one line
      },
    );
    console.log(`udp ${size} bytes: ${echo}`);
  }
  socket.close();
}
// #endregion udp

// #region tcp
// TCP: write SIZE bytes, count what comes back, and half-close once all of it has. How the bytes
// are cut into packets, and sent again when lost, is the kernel's business: no program sees it.
async function overTcp() {
  for (const size of sizes) {
    const socket = net.connect(port, host);
    socket.setTimeout(timeout, () => socket.destroy(new Error(`no answer within ${timeout} ms`)));
    socket.write(Buffer.alloc(size, 'x'));
    let back = 0;
    socket.on('data', (chunk) => {
      back += chunk.length;
      if (back >= size) socket.end(); // all of it came back: FIN
    });
    await once(socket, 'close'); // an 'error' (ECONNREFUSED…) makes once() fail: the program ends
    console.log(`tcp ${size} bytes: ${back} bytes came back`);
  }
}

(tcp ? overTcp : overUdp)();
// #endregion tcp

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/echo-sizes.ts [--host ADDRESS] [--port 1-65535] [--tcp] [--timeout MS] SIZE...';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: text,
        port: text,
        timeout: text,
        tcp: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '500' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    if (positionals.length === 0) throw new Error('missing SIZE');
    // A SIZE: a whole number of bytes under a million (a bound on what the program allocates).
    if (!positionals.every((size) => /^\d{1,6}$/.test(size))) throw new Error('invalid SIZE');
    const numbers = {
      port: Number(port),
      timeout: Number(timeout),
      sizes: positionals.map(Number),
    };
    return { host, tcp: values.tcp ?? false, ...numbers };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
