// A TCP client that dies in the middle of a message. It announces --size bytes (the length in
// front: 4 bytes, big-endian), writes the first --kill-after of them and, as soon as they are in
// its kernel, kills itself with SIGKILL: no end(), no goodbye. What does the other side see?
//
//   npx tsx examples/killed-sender.ts [--host 127.0.0.1] [--port 12000] [--size 1000000] [--kill-after 300000]
// #region send
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, size, killAfter } = commandLine(); // read at the end of this file

const socket = net.connect(port, host); // no 'error' listener: ECONNREFUSED… ends the program
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
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/killed-sender.ts [--host ADDRESS] [--port 1-65535] [--size BYTES] [--kill-after BYTES]';
  process.on('uncaughtException', (err: Error & { errors?: Error[] }) =>
    exit(1, err.errors?.map((e) => e.message).join('; ') ?? err.message),
  );
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, size: text, 'kill-after': text, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', size = '1000000' } = values;
    const killAfter = values['kill-after'] ?? '300000';
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^\d{1,8}$/.test(size) || Number(size) > 2 ** 26) throw new Error('invalid --size');
    if (!/^\d+$/.test(killAfter) || Number(killAfter) > Number(size))
      throw new Error('invalid --kill-after: at most --size');
    return { host, port: Number(port), size: Number(size), killAfter: Number(killAfter) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
