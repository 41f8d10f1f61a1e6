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
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port } = commandLine(); // --host and --port, read at the end of this file

// A FAZER: um servidor de chat em host:port, que diga "chat server listening on HOST:PORTA" ao começar.
// A FAZER: a primeira linha de cada cliente é o nome dele; as outras vão para os demais como "NOME: texto".
// A FAZER: quem entra e quem sai é anunciado a todos: "* NOME joined", "* NOME left".
// A FAZER: nenhum cliente derruba o servidor ou enche a memória dele: nem com lixo, nem com uma
// A FAZER: linha sem fim, nem parando de ler. As regras exatas estão na lição (around/chat).
// TODO: a chat server on host:port, which says "chat server listening on HOST:PORT" when it starts.
// TODO: each client's first line is its name; every other line goes to the others as "NAME: text".
// TODO: joins and leaves are announced to everyone: "* NAME joined", "* NAME left".
// TODO: no client takes the server down or fills its memory: not with garbage, not with an
// TODO: endless line, not by no longer reading. The exact rules are in the lesson (around/chat).
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
