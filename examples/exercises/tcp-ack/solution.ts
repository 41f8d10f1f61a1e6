// Exercise tcp-ack: a TCP server that acknowledges every line, and hangs up on silent clients.
//
//   npx tsx examples/exercises/tcp-ack/server.ts [--host 127.0.0.1] [--port 12000] [--idle 1000]
//   npm run check -- tcp-ack
//
// Each line a client sends ("pay 10\n") gets "ok N\n", N counting that connection's lines from 1.
// A client that sends nothing for --idle ms is closed (by hand, try --idle 10000).
// server.ts is the starter: change the region "ack" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, idle } = commandLine(); // --host, --port and --idle, read at the end of this file

// #region ack
const server = net.createServer((socket) => {
  socket.on('error', () => {}); // a client that vanishes only ends its own connection
  // An idle timeout: 'timeout' after --idle ms without a byte either way, restarted by every byte.
  // It closes nothing by itself: closing is our job.
  socket.setTimeout(idle, () => socket.destroy());
  let pending = ''; // what came after the last "\n": the start of a line
  let count = 0; // one counter per connection
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (let i = 0; i < lines.length; i++) socket.write(`ok ${++count}\n`); // only whole lines
    if (pending.length > 65536) socket.destroy(); // a line that never ends
  });
});
// #endregion ack

server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `ack server (idle ${idle} ms) listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});
// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/exercises/tcp-ack/server.ts (or solution.ts) [--host ADDRESS] [--port 0-65535] [--idle MS]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        idle: { type: 'string', default: '1000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return {
      host: values.host,
      port: number('port', values.port, 0, 65535),
      idle: number('idle', values.idle, 1, 3_600_000),
    };
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
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
