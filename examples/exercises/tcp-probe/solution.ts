// Exercise tcp-probe: a client that says what stands between it and a TCP port — a server, a
// firewall that refuses, a firewall that says "prohibited", or one that answers nothing at all.
//
//   npx tsx examples/exercises/tcp-probe/probe.ts [--host 127.0.0.1] [--port 12000] [--timeout 2000]
//   sudo npm run check -- tcp-probe
//
// It prints one line: on stdout "open: …" (exit 0), or on stderr "refused: …", "unreachable: …"
// or "silent: …" (exit 1).
// probe.ts is the starter: change the region "verdict" until the check passes.
// solution.ts is the same program with one solution in that region.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout } = commandLine(); // --host, --port and --timeout, read at the end of this file
const server = `${host}:${port}`;

const socket = net.connect(port, host);
socket.on('connect', () => {
  console.log(`open: ${server} accepted the connection`);
  socket.destroy();
});

// #region verdict
// A drop answers nothing: without a deadline of ours, the kernel would retry the SYN for 127 s.
socket.setTimeout(timeout, () => fail('silent', `no answer from ${server} in ${timeout} ms`));
socket.on('error', (err: NodeJS.ErrnoException) => {
  // A RST, or an ICMP port unreachable: someone answered no.
  if (err.code === 'ECONNREFUSED') fail('refused', `${server} (ECONNREFUSED)`);
  // An ICMP "host prohibited" (or "admin prohibited"): a firewall answered no.
  if (err.code === 'EHOSTUNREACH') fail('unreachable', `${server} (EHOSTUNREACH)`);
  throw err; // anything else: Node's own line, exit 1
});
// #endregion verdict

/** The verdict on stderr, one line, and exit code 1. */
function fail(verdict: string, detail: string): never {
  console.error(`${verdict}: ${detail}`);
  process.exit(1);
}

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', timeout = '2000' } = values;
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
