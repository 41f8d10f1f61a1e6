// How Node calls you: a listener, await once, for await and a callback, on a TCP server and a
// client in one program. Each line it prints is numbered in the order things happened.
//
//   npx tsx examples/node-events.ts [--host 127.0.0.1] [--port 0]
// #region listener
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port (default 0: any free port), read at the end of this file
// An address and a port as people write them: 127.0.0.1:12000, or [::1]:12000 on IPv6.
const where = (ip = '?', port = 0) => (net.isIPv6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`);

// A listener: the server emits 'connection' for each client that arrives, and Node calls this
// function every time, with that client's socket.
const server = net.createServer();
server.on('connection', (socket) => {
  console.log(
    `4. listener: 'connection', a client from ${where(socket.remoteAddress, socket.remotePort)}`,
  );
  socket.end('hello\n'); // one line to the client, then close this connection
});
// #endregion listener

// #region await
main(); // the steps below wait for one another: they live in an async function
async function main() {
  server.listen(port, host); // asks for the port, and returns at once
  console.log('1. listen() returned: nothing is listening yet');
  await once(server, 'listening'); // main() waits here; Node goes on, and comes back on 'listening'
  const bound = (server.address() as net.AddressInfo).port;
  console.log(`2. await once(server, 'listening'): listening on ${where(host, bound)}`);
  // …
  // #endregion await

  // #region for-await
  const client = net.connect(bound, host); // starts connecting, and returns at once
  console.log('3. connect() returned: not connected yet');
  let text = '';
  for await (const chunk of client.setEncoding('utf8')) text += chunk; // each piece, until the end
  console.log(`5. for await: the client read ${JSON.stringify(text)}, then the end`);
  // #endregion for-await

  // #region callback
  server.close(() => console.log('7. callback: the server is closed, nothing is left to wait for'));
  console.log('6. close() returned: the server is still closing');
  // #endregion callback
}

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = 'usage: npx tsx examples/node-events.ts [--host ADDRESS] [--port 0-65535]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '0' } = values;
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
