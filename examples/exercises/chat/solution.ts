// Exercise chat: a chat server, written from scratch, for several people with nc.
//
//   npx tsx examples/exercises/chat/server.ts [--host 127.0.0.1] [--port 12000]
//   npm run check -- chat
//
// Clients talk in lines (UTF-8, each ending in "\n"): the first line is a name, and every later
// line goes to the others as "NAME: text". Try it with two or three `nc 127.0.0.1 12000`.
// server.ts is the starter: the region "chat", everything above the command line, is yours.
// solution.ts is the course's solution in that region. Stop it with Ctrl+C.
// #region chat
// #region room
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

const MAX_LINE = 1024; // characters; a longer line ends its connection
const MAX_QUEUE = 64 * 1024; // bytes waiting for a client that does not read; more, and it is dropped

const room = new Map<net.Socket, string>(); // the clients that have a name, and their names

// Every line goes to the others' queues at once. One who stops reading is not waited for
// (that would stop the whole room): once its queue passes MAX_QUEUE, it is dropped.
function broadcast(text: string, except?: net.Socket) {
  for (const client of room.keys()) {
    if (client === except) continue;
    client.write(`${text}\n`);
    if (client.writableLength > MAX_QUEUE) client.destroy(); // its 'close' says it left
  }
}

function announce(text: string) {
  console.log(text);
  broadcast(text);
}
// #endregion room

// #region names
// A name: 1 to 20 letters (accents too), digits, - or _, and nobody else's. Until then, ask again.
const NAME = /^[\p{L}\p{N}_-]{1,20}$/u;

function join(socket: net.Socket, name: string): string | undefined {
  if (!NAME.test(name)) socket.write('* a name is 1 to 20 letters, digits, - or _; your name?\n');
  else if ([...room.values()].includes(name)) socket.write(`* ${name} is taken; your name?\n`);
  else {
    room.set(socket, name);
    announce(`* ${name} joined`); // the newcomer gets it too: its name was accepted
    return name;
  }
}
// #endregion names

// #region lines
// The stream cut into lines, as in line-server.ts; a line too long ends the connection.
function readLines(socket: net.Socket, onLine: (line: string) => void) {
  socket.setEncoding('utf8'); // a character cut between two chunks waits for the rest; bad bytes become "�"
  let pending = ''; // what came after the last "\n": the start of a line
  socket.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    if (pending.length > MAX_LINE || lines.some((line) => line.length > MAX_LINE)) {
      socket.removeAllListeners('data'); // read and drop the rest
      socket.end(`* lines are limited to ${MAX_LINE} characters: bye\n`);
      return;
    }
    for (const line of lines) onLine(line.trimEnd()); // trimEnd: also the "\r" of a "\r\n"
  });
}
// #endregion lines

// #region connection
const server = net.createServer((socket) => {
  socket.on('error', () => {}); // a reset (ECONNRESET) ends this connection only; 'close' follows
  let name: string | undefined;
  readLines(socket, (line) => {
    if (name === undefined) name = join(socket, line.trim());
    else if (line !== '') broadcast(`${name}: ${line}`, socket); // not back to its sender
  });
  socket.on('close', () => {
    if (room.delete(socket)) announce(`* ${name} left`);
  });
});
// #endregion connection

// #region listen
server.listen(port, host, () => {
  console.log(`chat server listening on ${host}:${(server.address() as net.AddressInfo).port}`);
});
// Ctrl+C (SIGINT) or SIGTERM: exit 0 at once; the system closes the connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
// #endregion listen
// #endregion chat

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 0-65535]`;
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
