// A TCP client that writes after the server has closed the connection, twice.
//
//   npx tsx examples/late-client.ts [--host 127.0.0.1] [--port 12000] [--pause 300] [--timeout 5000]
//
// It connects, sends nothing and waits for the server to close (a server with an idle timeout:
// npx tsx examples/tcp-server.ts --idle 500). Then it writes "first" and "second", each one
// --pause ms after the last event. Exit 1 when a write fails (or after --timeout ms without a FIN).
// #region connect
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { host, port, pause, timeout } = commandLine(); // the options, read at the end of this file
const server = address(host, port);

// allowHalfOpen: the server's FIN does not make Node end our side: we may still write.
const socket = net.connect({ port, host, allowHalfOpen: true }, () => {
  console.log(`connected to ${server}; waiting for the server to close`);
});
socket.setTimeout(timeout, () => exit(1, `${server} did not close within ${timeout} ms`));
socket.resume(); // read (nothing is expected), so that the FIN is seen
// #endregion connect

// #region write
socket.on('end', async () => {
  console.log("'end': the server sent FIN, it will send nothing more");
  for (const word of ['first', 'second']) {
    await sleep(pause); // time for the packets in flight (the server's answer to the last write)
    socket.write(`${word}\n`, (err) => {
      if (err) exit(1, `write "${word}" failed: ${why(err)}`);
      console.log(`write "${word}": no error, the kernel took ${word.length + 1} bytes`);
    });
  }
  await sleep(pause);
  socket.destroy(); // (on a system where the second write worked too)
});
// #endregion write

// #region errors
socket.on('error', (err) => exit(1, why(err)));

function why(err: NodeJS.ErrnoException) {
  const words = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ECONNRESET: `${server} reset the connection`,
    EPIPE: 'broken pipe, the connection is closed at the other end',
  }[err.code ?? ''];
  return `${words ?? err.message} (${err.code})`;
}
// #endregion errors

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/late-client.ts [--host ADDRESS] [--port 1-65535] [--pause MS] [--timeout MS]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        pause: { type: 'string', default: '300' },
        timeout: { type: 'string', default: '5000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    const [port, pause] = [
      number('port', values.port, 1, 65535),
      number('pause', values.pause, 0, 60_000),
    ];
    return {
      host: values.host,
      port,
      pause,
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

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
