// Exercise length-upper: a TCP server for length-prefixed messages, which answers each one in capitals.
//
//   npx tsx examples/exercises/length-upper/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- length-upper
//
// server.ts is the starter: change the region "messages" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// A message on the wire is 4 bytes of length (an unsigned big-endian integer), then that
// many bytes of UTF-8 text. Each answer goes back framed the same way: "olá" -> "OLÁ".
const MAX_MESSAGE = 1024 * 1024; // a longer message must close the connection

// The answer to one message: its text in capitals, framed (4 bytes of length + UTF-8).
function answer(payload: Buffer): Buffer {
  const text = Buffer.from(payload.toString('utf8').toUpperCase(), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(text.length);
  return Buffer.concat([header, text]);
}

const server = net.createServer((socket) => {
  socket.on('error', (err) => console.log(`connection error: ${err.message}`));
  // #region messages
  let pending = Buffer.alloc(0); // bytes received that are not yet a whole message
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length > MAX_MESSAGE) {
        console.log(`a message of ${length} bytes announced: over the limit, closing`);
        socket.destroy(); // and forget what it sent
        return;
      }
      if (pending.length < 4 + length) return; // wait for the rest
      // Decode only whole messages: a character cut between two chunks is whole again here.
      socket.write(answer(pending.subarray(4, 4 + length)));
      pending = pending.subarray(4 + length);
    }
  });
  // #endregion messages
});

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(`length-upper server listening on ${address(host, (server.address() as net.AddressInfo).port)}`);
});

// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/exercises/length-upper/server.ts (or solution.ts) [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12000' }, help: { type: 'boolean' } },
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

function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
