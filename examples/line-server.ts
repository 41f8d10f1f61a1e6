// A TCP server that reads its stream as lines: one message per "\n".
//
//   npx tsx examples/line-server.ts [--host 127.0.0.1] [--port 12000]
//
// It answers every complete line with its number: "um" -> "1: um". However the bytes
// are cut into 'data' chunks on the way, it finds the same lines. Stop it with Ctrl+C.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file
// #region lines
const MAX_LINE = 64 * 1024; // characters; a longer line closes the connection
const server = net.createServer((socket) => {
  const peer = address(socket.remoteAddress, socket.remotePort);
  socket.on('error', (err) => console.log(`${peer} error: ${err.message}`));
  // #region utf8
  // 'data' now gives strings, and a character cut between two chunks waits for its end.
  socket.setEncoding('utf8');
  // #endregion utf8
  let pending = ''; // what came after the last "\n": the start of a line
  let count = 0;
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, end); // one whole message
      pending = pending.slice(end + 1);
      count += 1;
      console.log(`${peer} line ${count}: ${JSON.stringify(line)}`);
      socket.write(`${count}: ${line}\n`);
    }
    if (socket.writableLength > MAX_LINE) {
      // A client that sends and never reads: stop reading until our answers have gone out.
      socket.pause();
      socket.once('drain', () => socket.resume());
    }
    if (pending.length > MAX_LINE) {
      console.log(`${peer} sent a line longer than ${MAX_LINE} characters: closing`);
      socket.end(`error: lines are limited to ${MAX_LINE} characters\n`);
      socket.removeAllListeners('data'); // read and drop the rest
      pending = '';
    }
  });
  socket.on('end', () => {
    if (pending) console.log(`${peer} closed with ${pending.length} characters after its last newline: no line`);
  });
});
// #endregion lines

// #region listen
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(`line server listening on ${address(host, (server.address() as net.AddressInfo).port)}`);
});
// #endregion listen

// #region stop
// Ctrl+C (SIGINT) or a polite kill (SIGTERM): stop listening and exit 0 at once.
// The system closes the connections of a process that exits.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}
// #endregion stop

// #region cli
// The command line, and failures told in one line: exit 2 for a bad command line, 1 for the network.
function commandLine() {
  const usage = 'usage: npx tsx examples/line-server.ts [--host ADDRESS] [--port 0-65535]';
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

// (A socket reset before we look at it may no longer know its addresses: '?'.)
function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
