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

// A FAZER: escreva aqui um servidor de chat que comece dizendo "chat server listening on HOST:PORTA".
// A FAZER: a primeira linha de cada cliente é o nome; as outras vão para os demais como "NOME: texto".
// A FAZER: anuncie a todos quem entra e quem sai: "* NOME joined" e "* NOME left".
// A FAZER: nem lixo, nem uma linha sem fim, nem quem para de ler derruba o servidor ou enche a memória.
// A FAZER: as regras exatas estão na lição around/chat, e npm run check -- chat confere cada uma.
// TODO: write here a chat server that starts by saying "chat server listening on HOST:PORT".
// TODO: each client's first line is its name; the others go to everyone else as "NAME: text".
// TODO: announce to everyone who joins and who leaves: "* NAME joined" and "* NAME left".
// TODO: no garbage, no endless line, no client that stops reading takes it down or fills its memory.
// TODO: the exact rules are in the lesson around/chat, and npm run check -- chat checks each one.
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
