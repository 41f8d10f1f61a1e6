// A TCP server that reads messages framed with their length in front (4 bytes, big-endian, then
// the message) and, when a connection ends, says whether the last message arrived whole. It only
// counts the bytes; it does not keep them. Ctrl+C stops it.
//
//   npx tsx examples/length-receiver.ts [--host 127.0.0.1] [--port 12000]
// #region receive
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const MAX_MESSAGE = 64 * 1024 * 1024; // a longer announced length gets an error and the end of the connection
const server = net.createServer((socket) => {
  const peer = address(socket.remoteAddress, socket.remotePort);
  socket.on('error', (err) => console.log(`${peer} error: ${err.message}`));
  let header = Buffer.alloc(0); // the 4 bytes of the length, as they come
  let announced = -1; // the length of the current message; -1 until its 4 bytes are in
  let got = 0; // bytes of the current message so far
  socket.on('data', (chunk: Buffer) => {
    while (chunk.length > 0 && !socket.writableEnded) {
      if (announced === -1) {
        const missing = 4 - header.length;
        header = Buffer.concat([header, chunk.subarray(0, missing)]);
        chunk = chunk.subarray(missing);
        if (header.length < 4) return; // wait for the rest of the length
        announced = header.readUInt32BE(0);
        console.log(`${peer} announces a message of ${announced} bytes`);
        if (announced > MAX_MESSAGE)
          return void socket.end(`error: messages are limited to ${MAX_MESSAGE} bytes\n`);
      }
      const take = Math.min(announced - got, chunk.length);
      got += take;
      chunk = chunk.subarray(take);
      if (got === announced) {
        console.log(`${peer} message complete: ${got} bytes`);
        [header, announced, got] = [Buffer.alloc(0), -1, 0]; // the next message starts here
      }
    }
  });
  // #endregion receive
  // #region end
  // 'end': the other side sent FIN. The stream ended cleanly; did the last message?
  socket.on('end', () => {
    if (socket.writableEnded) return; // we refused its length and said so
    if (header.length === 0)
      console.log(`${peer} 'end' at the end of a message: nothing is missing`);
    else if (announced === -1)
      console.log(`${peer} 'end' after ${header.length} of the 4 bytes of a length: cut short`);
    else
      console.log(
        `${peer} 'end' after ${got} of the ${announced} bytes announced: the message is cut short`,
      );
  });
});
// #endregion end

// #region listen
server.on('error', (err) => fail(`cannot listen on ${address(host, port)}`, err));
server.listen(port, host, () => {
  console.log(
    `length receiver listening on ${address(host, (server.address() as net.AddressInfo).port)}`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0)); // Ctrl+C: exit 0 at once
// #endregion listen

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/length-receiver.ts [--host ADDRESS] [--port 0-65535]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12000' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    return { host: values.host, port: number('port', values.port, 0, 65535) };
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

function address(host = '?', port: number | string = '?') {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
