// A TCP client that leaves a connection in one of four ways.
//
//   npx tsx examples/leave-client.ts [--host 127.0.0.1] [--port 12000] [--how end|destroy|reset|quit] [--timeout 3000]
//
// It waits for the server's first line (its greeting), then leaves:
//   end      end(): sends FIN, "I will send nothing more", and still reads
//   destroy  destroy(): closes the socket in both directions at once
//   reset    resetAndDestroy(): sends RST, "this connection is void"
//   quit     writes "quit" and lets the server close first
// #region connect
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, how, timeout } = commandLine(); // --host, --port, --how and --timeout, read at the end of this file

const socket = net.connect(port, host); // no 'error' listener: ECONNREFUSED… ends the program
socket.setTimeout(timeout, () => {
  console.error(`no greeting or no close from ${host}:${port} after ${timeout} ms`);
  process.exit(1);
});
socket.on('end', () => console.log("'end': the server sent FIN, it will send nothing more"));

let greeted = false;
socket.setEncoding('utf8');
socket.on('data', (text: string) => {
  for (const line of text.split('\n').filter(Boolean)) console.log(`server says: ${line}`);
  if (!greeted) leave(); // the first line is the greeting: time to go
  greeted = true;
});
// #endregion connect

// #region leave
function leave() {
  if (how === 'end') {
    socket.end(); // FIN: our direction is closed, theirs is still open
    console.log('end(): FIN sent; still reading until the server closes too');
  } else if (how === 'destroy') {
    socket.destroy(); // both directions, at once: nothing more is read
    console.log('destroy(): the socket is closed, in both directions');
  } else if (how === 'reset') {
    socket.resetAndDestroy(); // RST instead of FIN: the peer gets ECONNRESET
    console.log('resetAndDestroy(): RST sent, the connection is void');
  } else {
    socket.write('quit\n'); // the server will close first
    console.log('sent "quit"; waiting for the server to close');
  }
}
// #endregion leave

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1
// (Happy Eyeballs' AggregateError: the messages of its errors, one per address tried).
function commandLine() {
  const usage =
    'usage: npx tsx examples/leave-client.ts [--host ADDRESS] [--port 1-65535] [--how end|destroy|reset|quit] [--timeout MS]';
  process.on('uncaughtException', (err: Error & { errors?: Error[] }) =>
    exit(1, err.errors?.map((e) => e.message).join('; ') ?? err.message),
  );
  try {
    const text = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, how: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000', how = 'end', timeout = '3000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    if (!['end', 'destroy', 'reset', 'quit'].includes(how)) throw new Error('invalid --how');
    return { host, port: Number(port), how, timeout: Number(timeout) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
