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

const socket = net.connect(port, host);
socket.on('error', fail); // ECONNREFUSED, ECONNRESET…: one line, exit 1
socket.setTimeout(timeout, () =>
  fail(new Error(`no greeting or no close from ${address(host, port)} after ${timeout} ms`)),
);
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
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/leave-client.ts [--host ADDRESS] [--port 1-65535] [--how end|destroy|reset|quit] [--timeout MS]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        how: { type: 'string', default: 'end' },
        timeout: { type: 'string', default: '3000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (!['end', 'destroy', 'reset', 'quit'].includes(values.how))
      throw new Error(`invalid --how "${values.how}": use one of end, destroy, reset, quit`);
    return {
      host: values.host,
      port: number('port', values.port, 1, 65535),
      how: values.how,
      timeout: number('timeout', values.timeout, 1, 600_000),
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
  exit(
    1,
    err.code ? `${why ?? `cannot talk to ${where}: ${err.message}`} (${err.code})` : err.message,
  );
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
