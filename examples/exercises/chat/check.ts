import { setTimeout as sleep } from 'node:timers/promises';
import {
  CheckFailure,
  defineExercise,
  show,
  type Connection,
  type Program,
  type Text,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- chat` verifies: several clients at once, each named by its first line
// (ana, bia, caio…), as the lesson's protocol says. A client's lines are read as they come; a
// check waits at most LIMIT_MS for a line (SLACK times as long under the test suite).
const LIMIT_MS = 1000;
const MAX_LINE = 1024;
const BATCH = 64; // lines a talking client sends at a time, 995 bytes each: 62.2 KiB
const FLOOD = 16 * 2 ** 20; // bytes a talking client sends, at most, before a non-reader must be gone

/** The lines a client has received so far (a line is complete once its "\n" came). */
const linesOf = (client: Connection) => client.text().split('\n').slice(0, -1);

/** The end of what a client received, as a learner reads it in a message. */
const lastOf = (client: Connection) => {
  const text = client.text();
  return show(text.length > 300 ? `…${text.slice(-300)}` : text);
};

/** A line as a message shows it: a long one cut short, with its length. */
const brief = (line: string): Text =>
  line.length > 40
    ? {
        pt: `${show(`${line.slice(0, 30)}…`)} (${line.length.toLocaleString('pt-BR')} caracteres)`,
        en: `${show(`${line.slice(0, 30)}…`)} (${line.length.toLocaleString('en')} characters)`,
      }
    : { pt: show(line), en: show(line) };

/** Wait (up to LIMIT_MS) until `client` has received the line `line`, or fail saying what came. */
async function expectLine(client: Connection, who: string, line: string, after: Text) {
  await client.read({ text: `${line}\n`, limitMs: LIMIT_MS });
  if (linesOf(client).includes(line)) return;
  const ended = client.ending
    ? {
        pt: ` (a conexão de ${who} terminou: ${client.ending.how}; o programa ainda está rodando?)`,
        en: ` (${who}'s connection ended: ${client.ending.how}; is the program still running?)`,
      }
    : { pt: '', en: '' };
  throw new CheckFailure({
    pt: `${after.pt}, ${who} deveria receber a linha ${brief(line).pt} em ${LIMIT_MS} ms; recebeu ${lastOf(client)}${ended.pt}`,
    en: `${after.en}, ${who} should get the line ${brief(line).en} within ${LIMIT_MS} ms; got ${lastOf(client)}${ended.en}`,
  });
}

/** A client in the room: connected, it sent its name and got "* NAME joined". */
async function member(program: Program, name: string): Promise<Connection> {
  const client = await program.connect();
  await client.send(`${name}\n`);
  await expectLine(client, name, `* ${name} joined`, {
    pt: `depois de enviar "${name}\\n" como primeira linha`,
    en: `after sending "${name}\\n" as its first line`,
  });
  return client;
}

/** Fail if `client` received the line `line`. */
function expectNoLine(client: Connection, who: string, line: string, why: Text) {
  if (!linesOf(client).includes(line)) return;
  throw new CheckFailure({
    pt: `${who} recebeu a linha ${show(line)}: ${why.pt}`,
    en: `${who} got the line ${show(line)}: ${why.en}`,
  });
}

/** Bytes that are not UTF-8 and characters no one types, in lines of 200 bytes: `lines` of them. */
function garbage(lines: number): Buffer {
  const bad = [0xff, 0xfe, 0x00, 0xc3, 0x80, 0x1b, 0x0d, 0xe2, 0x82, 0x07, 0xf0, 0x9f];
  return Buffer.concat(
    Array.from({ length: lines }, (_, i) =>
      Buffer.from([
        ...Array.from({ length: 200 }, (_, j) => bad[(i * 7 + j * 5) % bad.length]),
        10,
      ]),
    ),
  );
}

export default defineExercise({
  lesson: 'around/chat',
  file: 'server.ts',
  protocol: 'tcp',
  scratch: true,
  title: { pt: 'Um servidor de chat', en: 'A chat server' },
  checks: [
    {
      name: {
        pt: 'a primeira linha é o nome: todos recebem "* ana joined", inclusive quem acabou de entrar',
        en: 'the first line is the name: everyone gets "* ana joined", the newcomer included',
      },
      hint: {
        pt: 'o nome é da conexão: guarde-o numa variável dentro da função que recebe o socket (undefined até a primeira linha). Guarde os clientes com nome num Map (socket → nome) e, quando um entra, escreva "* NOME joined\\n" para cada um deles.',
        en: 'the name belongs to the connection: keep it in a variable inside the function that gets the socket (undefined until the first line). Keep the clients that have a name in a Map (socket → name) and, when one joins, write "* NAME joined\\n" to each of them.',
      },
      run: async (program) => {
        const ana = await member(program, 'ana');
        await member(program, 'bia');
        await expectLine(ana, 'ana', '* bia joined', {
          pt: 'depois que bia entrou',
          en: 'after bia joined',
        });
      },
    },
    {
      name: {
        pt: 'cada linha vai para os outros como "ana: texto", e não volta para quem a enviou',
        en: 'every line goes to the others as "ana: text", and not back to its sender',
      },
      hint: {
        pt: 'para cada linha, escreva `${nome}: ${linha}\\n` em cada cliente do Map, menos no socket que a enviou: o nc de quem digitou já mostra a linha.',
        en: 'for each line, write `${name}: ${line}\\n` to every client in the Map but the socket that sent it: the nc of whoever typed it already shows the line.',
      },
      run: async (program) => {
        const [ana, bia, caio] = [
          await member(program, 'ana'),
          await member(program, 'bia'),
          await member(program, 'caio'),
        ];
        await ana.send('oi, gente\n');
        const sent = {
          pt: 'depois que ana enviou "oi, gente\\n"',
          en: 'after ana sent "oi, gente\\n"',
        };
        await expectLine(bia, 'bia', 'ana: oi, gente', sent);
        await expectLine(caio, 'caio', 'ana: oi, gente', sent);
        await bia.send('oi, ana\n');
        await expectLine(ana, 'ana', 'bia: oi, ana', {
          pt: 'depois que bia enviou "oi, ana\\n"',
          en: 'after bia sent "oi, ana\\n"',
        });
        // Had the server sent ana's line back to her, it would have come before bia's answer.
        expectNoLine(ana, 'ana', 'ana: oi, gente', {
          pt: 'a linha que ela mesma enviou voltou para ela',
          en: 'the line she sent herself came back to her',
        });
      },
    },
    {
      name: {
        pt: 'linhas são linhas: duas numa escrita só, e uma que chega em pedaços, com o "ê" cortado ao meio',
        en: 'lines are lines: two in one write, and one that arrives in pieces, its "ê" cut in half',
      },
      hint: {
        pt: "um pedaço (um evento 'data') não é uma linha: pode trazer duas, ou meia, e até meio caractere. Guarde o que vem depois do último \"\\n\" para juntar ao próximo pedaço, e chame socket.setEncoding('utf8'), que segura um caractere cortado até chegar o resto: é o que o line-server.ts faz na lição sobre fluxos.",
        en: "a chunk (a 'data' event) is not a line: it may hold two, or half of one, even half a character. Keep what comes after the last \"\\n\" to join it to the next chunk, and call socket.setEncoding('utf8'), which holds a character cut in two until the rest arrives: line-server.ts does both in the lesson on streams.",
      },
      run: async (program) => {
        const ana = await member(program, 'ana');
        const bia = await member(program, 'bia');
        const joined = linesOf(bia).length;
        await ana.send('um\ndois\n');
        await ana.send(Buffer.from('tr\xc3', 'latin1')); // "tr" and the first byte of "ê"
        await sleep(100);
        await ana.send(Buffer.from('\xaas\n', 'latin1')); // its second byte, then "s"
        await bia.read({ lines: joined + 3, limitMs: LIMIT_MS });
        const got = linesOf(bia).slice(joined);
        const expected = ['ana: um', 'ana: dois', 'ana: três'];
        if (got.join('\n') === expected.join('\n')) return;
        throw new CheckFailure({
          pt: `ana enviou "um\\ndois\\n" numa escrita, e depois "três\\n" em dois pedaços, 100 ms um do outro, cortando o "ê" entre eles; esperado que bia recebesse ${show(expected.join('\n'))}, recebeu ${show(got.join('\n'))}`,
          en: `ana sent "um\\ndois\\n" in one write, then "três\\n" in two pieces 100 ms apart, its "ê" cut between them; bia should have got ${show(expected.join('\n'))}, got ${show(got.join('\n'))}`,
        });
      },
    },
    {
      name: {
        pt: 'quem sai é anunciado: os outros recebem "* ana left"',
        en: 'a client that leaves is announced: the others get "* ana left"',
      },
      hint: {
        pt: 'o evento \'close\' vem depois de qualquer fim (um FIN, um RST, um destroy()): nele, tire o socket do Map e escreva "* NOME left\\n" para os que ficaram.',
        en: 'the \'close\' event comes after every ending (a FIN, a reset, a destroy()): in it, remove the socket from the Map and write "* NAME left\\n" to those who stay.',
      },
      run: async (program) => {
        const ana = await member(program, 'ana');
        const bia = await member(program, 'bia');
        ana.end();
        await expectLine(bia, 'bia', '* ana left', {
          pt: 'depois que ana fechou a conexão (FIN)',
          en: 'after ana closed her connection (FIN)',
        });
      },
    },
    {
      name: {
        pt: 'um nome vazio, em uso ou com espaço é recusado com uma linha "* …", e o cliente tenta de novo',
        en: 'an empty name, a name in use or one with a space is refused with a "* …" line, and the client tries again',
      },
      hint: {
        pt: 'enquanto a conexão não tem nome, cada linha é uma tentativa: confira a linha (sem os espaços das pontas) com /^[\\p{L}\\p{N}_-]{1,20}$/u e procure-a nos nomes do Map. Se recusar, responda com uma linha que comece com "* " e diga por quê, e espere a próxima.',
        en: 'while the connection has no name, every line is an attempt: test the line (without the spaces at its ends) against /^[\\p{L}\\p{N}_-]{1,20}$/u and look for it among the names in the Map. If refused, answer one line that starts with "* " and says why, and wait for the next one.',
      },
      run: async (program) => {
        const ana = await member(program, 'ana');
        const joao = await program.connect();
        const refused = ['', 'ana', 'bia: oi'];
        for (const name of refused) await joao.send(`${name}\n`);
        await joao.send('joão\n');
        const tried = {
          pt: 'depois de enviar "\\n", "ana\\n" (ana está na sala), "bia: oi\\n" e "joão\\n"',
          en: 'after sending "\\n", "ana\\n" (ana is in the room), "bia: oi\\n" and "joão\\n"',
        };
        await expectLine(joao, 'joão', '* joão joined', tried);
        await expectLine(ana, 'ana', '* joão joined', tried);
        const joins = (client: Connection) => linesOf(client).filter((l) => l.endsWith(' joined'));
        const seen = joins(ana);
        if (seen.join('\n') !== '* ana joined\n* joão joined') {
          throw new CheckFailure({
            pt: `${tried.pt}, ana deveria ver só "* ana joined" e "* joão joined"; viu ${show(seen.join('\n'))}`,
            en: `${tried.en}, ana should see only "* ana joined" and "* joão joined"; saw ${show(seen.join('\n'))}`,
          });
        }
        const answers = linesOf(joao).filter((l) => l.startsWith('* ') && !l.endsWith(' joined'));
        if (answers.length < refused.length) {
          throw new CheckFailure({
            pt: `${tried.pt}, cada nome recusado deveria ter uma resposta "* …" dizendo por quê; joão recebeu ${lastOf(joao)}`,
            en: `${tried.en}, every refused name should get a "* …" answer saying why; joão got ${lastOf(joao)}`,
          });
        }
      },
    },
    {
      name: {
        pt: `uma linha de ${MAX_LINE.toLocaleString('pt-BR')} caracteres passa; 1 MiB sem "\\n" recebe uma linha "* …" e tem a conexão fechada, e a sala continua`,
        en: `a line of ${MAX_LINE.toLocaleString('en')} characters goes through; 1 MiB without a "\\n" gets a "* …" line and its connection closed, and the room goes on`,
      },
      hint: {
        pt: `sem limite, um cliente que nunca envia "\\n" faz o pendente crescer até acabar a memória. Depois de separar as linhas, se o pendente (ou uma linha) passar de ${MAX_LINE.toLocaleString('pt-BR')} caracteres, responda com socket.end("* …\\n") e pare de ouvir os dados dele (socket.removeAllListeners('data')).`,
        en: `without a limit, a client that never sends "\\n" makes the pending text grow until memory runs out. After splitting the lines, if the pending text (or a line) is over ${MAX_LINE.toLocaleString('en')} characters, answer with socket.end("* …\\n") and stop listening to its data (socket.removeAllListeners('data')).`,
      },
      run: async (program) => {
        const ana = await member(program, 'ana');
        const bia = await member(program, 'bia');
        const long = 'x'.repeat(MAX_LINE);
        await ana.send(`${long}\n`);
        await expectLine(bia, 'bia', `ana: ${long}`, {
          pt: `depois que ana enviou uma linha de ${MAX_LINE.toLocaleString('pt-BR')} caracteres`,
          en: `after ana sent a line of ${MAX_LINE.toLocaleString('en')} characters`,
        });
        await ana.send('y'.repeat(2 ** 20));
        const ending = await ana.ended(2 * LIMIT_MS);
        if (ending === undefined) {
          throw new CheckFailure({
            pt: `ana enviou 1 MiB sem "\\n", e a conexão dela continuava aberta depois de ${2 * LIMIT_MS} ms`,
            en: `ana sent 1 MiB without a "\\n", and her connection was still open after ${2 * LIMIT_MS} ms`,
          });
        }
        const last = linesOf(ana).at(-1) ?? '';
        if (!last.startsWith('* ') || last.endsWith(' joined')) {
          throw new CheckFailure({
            pt: `ana enviou 1 MiB sem "\\n", e a conexão fechou (${ending.how}) sem uma última linha "* …" dizendo por quê; ela recebeu ${lastOf(ana)}`,
            en: `ana sent 1 MiB without a "\\n", and her connection closed (${ending.how}) without a last "* …" line saying why; she got ${lastOf(ana)}`,
          });
        }
        await expectLine(bia, 'bia', '* ana left', {
          pt: 'depois que a conexão de ana fechou',
          en: "after ana's connection closed",
        });
        const caio = await member(program, 'caio');
        await caio.send('ainda aqui?\n');
        await expectLine(bia, 'bia', 'caio: ainda aqui?', {
          pt: 'depois que caio entrou e enviou "ainda aqui?\\n"',
          en: 'after caio joined and sent "ainda aqui?\\n"',
        });
      },
    },
    {
      name: {
        pt: 'lixo binário (bytes que não são UTF-8, NUL, caracteres de controle) não derruba o servidor',
        en: 'binary garbage (bytes that are not UTF-8, NUL, control characters) does not take the server down',
      },
      hint: {
        pt: 'com socket.setEncoding(\'utf8\'), cada byte que não é UTF-8 vira "�" e nada lança exceção. Uma exceção que escapa de um listener (um TextDecoder com fatal: true, um JSON.parse) derruba o programa inteiro, com todos os clientes.',
        en: 'with socket.setEncoding(\'utf8\'), every byte that is not UTF-8 becomes "�" and nothing throws. An exception that escapes a listener (a TextDecoder with fatal: true, a JSON.parse) ends the whole program, every client with it.',
      },
      run: async (program) => {
        const ana = await member(program, 'ana');
        const gil = await member(program, 'gil');
        await gil.send(garbage(100));
        await gil.send('ok\n');
        await expectLine(ana, 'ana', 'gil: ok', {
          pt: 'depois que gil enviou 100 linhas de lixo binário (20.100 bytes) e então "ok\\n"',
          en: 'after gil sent 100 lines of binary garbage (20,100 bytes), then "ok\\n"',
        });
      },
    },
    {
      name: {
        pt: 'um cliente que encerra a conexão com um RST tem a saída anunciada, e o servidor continua',
        en: 'a client that resets its connection (RST) is announced as gone, and the server goes on',
      },
      hint: {
        pt: "um RST chega ao servidor como um evento 'error' (ECONNRESET), e um 'error' sem listener derruba o processo inteiro. Ouça o 'error' de cada socket (socket.on('error', …)); o 'close' vem logo depois.",
        en: "a RST reaches the server as an 'error' event (ECONNRESET), and an 'error' without a listener ends the whole process. Listen for every socket's 'error' (socket.on('error', …)); 'close' comes right after.",
      },
      run: async (program) => {
        const ana = await member(program, 'ana');
        const bia = await member(program, 'bia');
        await bia.send('tchau\n');
        await expectLine(ana, 'ana', 'bia: tchau', {
          pt: 'depois que bia enviou "tchau\\n"',
          en: 'after bia sent "tchau\\n"',
        });
        bia.reset();
        await expectLine(ana, 'ana', '* bia left', {
          pt: 'depois que bia encerrou a conexão com um RST',
          en: 'after bia reset her connection (RST)',
        });
        const caio = await member(program, 'caio');
        await caio.send('oi\n');
        await expectLine(ana, 'ana', 'caio: oi', {
          pt: 'depois que caio entrou e enviou "oi\\n"',
          en: 'after caio joined and sent "oi\\n"',
        });
      },
    },
    {
      name: {
        pt: 'quem para de ler não para a sala: é desconectado ("* dora left"), e os outros continuam conversando',
        en: 'a client that stops reading does not stop the room: it is disconnected ("* dora left"), and the others keep talking',
      },
      hint: {
        pt: 'write() nunca espera: o que o cliente não lê fica na fila do socket, na memória do servidor (socket.writableLength bytes). Pausar quem fala até a fila esvaziar pararia a sala inteira; em vez disso, depois de cada write(), se a fila de um cliente passar de 64 KiB, desconecte-o com socket.destroy().',
        en: "write() never waits: what a client does not read stays in the socket's queue, in the server's memory (socket.writableLength bytes). Pausing the talker until that queue drains would stop the whole room; instead, after each write(), if a client's queue is over 64 KiB, disconnect it with socket.destroy().",
      },
      run: async (program) => {
        const dora = await member(program, 'dora');
        dora.pause(); // and never reads again
        const ana = await member(program, 'ana');
        const bia = await member(program, 'bia');
        const line = `${'z'.repeat(994)}\n`; // bia gets it as "ana: zzz…\n", 1,000 bytes
        for (let sent = 0, left = false; !left;) {
          if (sent >= FLOOD) {
            throw new CheckFailure({
              pt: `dora parou de ler, ana enviou ${FLOOD / 2 ** 20} MiB em linhas, e dora continuava na sala: o que ela não lê se acumula na memória do servidor`,
              en: `dora stopped reading, ana sent ${FLOOD / 2 ** 20} MiB in lines, and dora was still in the room: what she does not read piles up in the server's memory`,
            });
          }
          const before = bia.received().length;
          await ana.send(line.repeat(BATCH));
          sent += line.length * BATCH;
          const news = (
            await bia.read({ bytes: before + 1000 * BATCH, limitMs: LIMIT_MS })
          ).subarray(before);
          const got = news.toString('latin1').split('\n').length - 1;
          if (got < BATCH) {
            throw new CheckFailure({
              pt: `dora parou de ler; ana enviou mais ${BATCH} linhas (${(sent / 2 ** 20).toFixed(1).replace('.', ',')} MiB no total), e bia recebeu só ${got} delas em ${LIMIT_MS} ms: quem não lê parou a sala`,
              en: `dora stopped reading; ana sent ${BATCH} more lines (${(sent / 2 ** 20).toFixed(1)} MiB in all), and bia got only ${got} of them within ${LIMIT_MS} ms: a client that does not read stopped the room`,
            });
          }
          left = bia
            .received()
            .subarray(Math.max(0, before - 20))
            .includes('\n* dora left\n');
        }
        await bia.send('ainda aqui\n');
        await expectLine(ana, 'ana', 'bia: ainda aqui', {
          pt: 'depois que dora saiu e bia enviou "ainda aqui\\n"',
          en: 'after dora left and bia sent "ainda aqui\\n"',
        });
      },
    },
  ],
});
