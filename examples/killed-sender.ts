// A TCP client that dies in the middle of a message. It announces --size bytes (the length in
// front: 4 bytes, big-endian), writes the first --kill-after of them and, as soon as they are in
// its kernel, kills itself with SIGKILL: no end(), no goodbye. What does the other side see?
//
//   npx tsx examples/killed-sender.ts [--host 127.0.0.1] [--port 12000] [--size 1000000] [--kill-after 300000]
// #region send
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, size, killAfter } = commandLine(); // read at the end of this file

const socket = net.connect(port, host);
socket.on('error', fail); // ECONNREFUSED…: one line, exit 1
socket.on('connect', () => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(size); // "size bytes follow"
  socket.write(length);
  socket.write(Buffer.alloc(killAfter, 'x'), () => {
    // The write callback: the bytes are in this machine's kernel. Not: the receiver has them.
    const last = `announced ${size} bytes, wrote ${killAfter}; they are in the kernel: SIGKILL\n`;
    process.stdout.write(last, () => process.kill(process.pid, 'SIGKILL')); // die, mid-message
  });
});
// #endregion send

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/killed-sender.ts [--host ADDRESS] [--port 1-65535] [--size BYTES] [--kill-after BYTES]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        size: { type: 'string', default: '1000000' },
        'kill-after': { type: 'string', default: '300000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    const size = number('size', values.size, 0, 64 * 1024 * 1024);
    return {
      host: values.host,
      port: number('port', values.port, 1, 65535),
      size,
      killAfter: number('kill-after', values['kill-after'], 0, size),
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

function fail(err: NodeJS.ErrnoException): never {
  const where = address(host, port);
  const why = {
    ECONNREFUSED: `nothing is listening on ${where}`,
    ECONNRESET: `${where} reset the connection`,
  }[err.code ?? ''];
  exit(1, `${why ?? `cannot talk to ${where}: ${err.message}`} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
