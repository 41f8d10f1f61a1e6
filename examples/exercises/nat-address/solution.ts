// Exercise nat-address: how does the internet see this program? It asks a "who am I?" server
// (examples/whoami-server.ts), which answers "you are ADDRESS:PORT", and compares that with the
// address and port its own datagram left from. One line on stdout (exit 0):
//
//   192.168.0.10:41234 is seen as 203.0.113.1:20517: behind a NAT
//   203.0.113.80:41234 is seen as 203.0.113.80:41234: no NAT
//
// No answer within --timeout ms (or an error such as ECONNREFUSED): one line on stderr, exit 1.
//
//   npx tsx examples/exercises/nat-address/client.ts [--host 127.0.0.1] [--port 12000] [--timeout 1000]
//   sudo npm run check -- nat-address
//
// client.ts is the starter: change the region "ask" until the check passes.
// solution.ts is the same program with one solution in that region.
import dgram from 'node:dgram';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout } = commandLine(); // --host, --port and --timeout, read at the end of this file
const socket = dgram.createSocket('udp4');

// #region ask
// connect() sends nothing: it fixes the peer, and the kernel picks the local address (the one of
// the interface the datagrams will leave by) and port. Unconnected, address() says 0.0.0.0.
socket.connect(port, host, () => {
  const local = socket.address();
  const mine = `${local.address}:${local.port}`;
  socket.send('who am I?');
  // UDP says nothing when a datagram is lost: a deadline of our own.
  const timer = setTimeout(() => {
    console.error(`no answer from ${host}:${port} in ${timeout} ms`);
    process.exit(1);
  }, timeout);
  socket.once('message', (reply) => {
    clearTimeout(timer);
    const seen = reply.toString('utf8').replace(/^you are /, '');
    console.log(`${mine} is seen as ${seen}: ${seen === mine ? 'no NAT' : 'behind a NAT'}`);
    socket.close();
  });
});
// #endregion ask

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles (ECONNREFUSED, say): one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '1000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    return { host, port: Number(port), timeout: Number(timeout) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
