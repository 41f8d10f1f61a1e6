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
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
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
  // … and then the end of the stream:
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
  // #endregion end
});

// #region listen
server.listen(port, host, () => {
  const bound = (server.address() as net.AddressInfo).port; // the real port, even with --port 0
  console.log(`length receiver listening on ${host}:${bound}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0)); // Ctrl+C: exit 0 at once
// #endregion listen

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/length-receiver.ts [--host ADDRESS] [--port 0-65535]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12000' } = values;
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    return { host, port: Number(port) };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
