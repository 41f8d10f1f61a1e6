import { setTimeout as sleep } from 'node:timers/promises';
import {
  CheckFailure,
  SLACK,
  defineExercise,
  show,
  type Program,
  type Text,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- tcp-ack` verifies. The check starts the file with --port 0 only, so
// the server runs with its default --idle, 1000 ms. Each client keeps its connection open
// between lines, as a real one does: no half-close, the answers must come line by line.
const IDLE = 1000;
const GAP = 400; // between a talking client's lines: well under IDLE, and 3 gaps add up to more
// Under the test suite (CHECK_SLACK > 1) the server gets a longer --idle and the gaps grow with
// it: a busy machine can stall a server's event loop past 1 s. A learner's check keeps 1000 ms.
const RUN_IDLE = IDLE * SLACK;
const RUN_GAP = GAP * SLACK;

/** `count` connections at once (the check closes them when it ends). */
const clients = (program: Program, count: number) =>
  Promise.all(Array.from({ length: count }, () => program.connect()));

/** What a check did, in both languages: by default, sent `text` on an open connection. */
const sent = (text: string, pt = `enviado ${show(text)}`, en = `sent ${show(text)}`): Text => ({
  pt: `${pt} (sem fechar a conexão)`,
  en: `${en} (without closing the connection)`,
});

function expectAnswers(what: Text, answers: Buffer | string, expected: string) {
  const got = String(answers);
  if (got === expected) return;
  throw new CheckFailure({
    pt: `${what.pt}: esperado ${show(expected)}, recebido ${show(got)}`,
    en: `${what.en}: expected ${show(expected)}, got ${show(got)}`,
  });
}

export default defineExercise({
  lesson: 'around/timeouts',
  file: 'server.ts',
  protocol: 'tcp',
  prepare: () => (SLACK > 1 ? ['--idle', String(RUN_IDLE)] : []),
  title: {
    pt: 'Confirmar cada linha e desligar quem se cala',
    en: 'Acknowledge every line, hang up on silence',
  },
  checks: [
    {
      name: {
        pt: '"pay 10\\n" recebe "ok 1\\n", com a conexão ainda aberta',
        en: '"pay 10\\n" gets "ok 1\\n", with the connection still open',
      },
      hint: {
        pt: "responda dentro do evento 'data', assim que uma linha estiver completa: socket.write(`ok ${count}\\n`). Não espere o FIN do cliente: ele não vem.",
        en: "answer inside the 'data' event, as soon as a line is complete: socket.write(`ok ${count}\\n`). Do not wait for the client's FIN: it does not come.",
      },
      run: async (program) => {
        const [client] = await clients(program, 1);
        await client.send('pay 10\n');
        expectAnswers(sent('pay 10\n'), await client.read({ lines: 1 }), 'ok 1\n');
      },
    },
    {
      name: {
        pt: 'três linhas numa escrita só recebem "ok 1", "ok 2" e "ok 3"',
        en: 'three lines in one write get "ok 1", "ok 2" and "ok 3"',
      },
      hint: {
        pt: 'um pedaço (um evento \'data\') pode trazer várias linhas: separe no "\\n" e responda a cada uma.',
        en: 'one chunk (one \'data\' event) may hold several lines: split it at "\\n" and answer each one.',
      },
      run: async (program) => {
        const [client] = await clients(program, 1);
        await client.send('a\nb\nc\n');
        expectAnswers(sent('a\nb\nc\n'), await client.read({ lines: 3 }), 'ok 1\nok 2\nok 3\n');
      },
    },
    {
      name: {
        pt: 'uma linha que chega em dois pedaços recebe um "ok" só, quando termina',
        en: 'a line that arrives in two pieces gets one "ok", once it is complete',
      },
      hint: {
        pt: 'um pedaço pode trazer só parte de uma linha: guarde o que vem depois do último "\\n" e junte ao próximo pedaço, como o line-server.ts da lição sobre fluxos.',
        en: 'a chunk may hold only part of a line: keep what comes after the last "\\n" and prepend it to the next chunk, as line-server.ts does in the lesson on streams.',
      },
      run: async (program) => {
        const [client] = await clients(program, 1);
        await client.send('pa');
        await sleep(200);
        expectAnswers(
          sent('pa', 'enviado só "pa", meia linha', 'sent only "pa", half a line'),
          client.text(),
          '',
        );
        await client.send('y 10\n');
        expectAnswers(
          sent('pay 10\n', 'enviado "pa", e depois "y 10\\n"', 'sent "pa", then "y 10\\n"'),
          await client.read({ lines: 1 }),
          'ok 1\n',
        );
      },
    },
    {
      name: { pt: 'cada conexão conta a partir de 1', en: 'every connection counts from 1' },
      hint: {
        pt: 'o contador é de cada conexão: declare-o dentro da função que recebe o socket, não no topo do arquivo.',
        en: 'the counter belongs to each connection: declare it inside the function that gets the socket, not at the top of the file.',
      },
      run: async (program) => {
        const [a, b] = await clients(program, 2);
        await a.send('x\n');
        await a.read({ lines: 1 });
        await b.send('y\n');
        expectAnswers(
          sent(
            'y\n',
            'enviado "x\\n" numa conexão, e "y\\n" numa segunda',
            'sent "x\\n" on one connection, and "y\\n" on a second one',
          ),
          await b.read({ lines: 1 }),
          'ok 1\n',
        );
        await a.send('z\n');
        expectAnswers(
          sent(
            'x\nz\n',
            'enviado "x\\n" e depois "z\\n" na primeira conexão',
            'sent "x\\n", then "z\\n", on the first connection',
          ),
          await a.read({ lines: 2 }),
          'ok 1\nok 2\n',
        );
      },
    },
    {
      name: {
        pt: `um cliente que não envia nada é desconectado depois de ${IDLE.toLocaleString('pt-BR')} ms (o padrão de --idle)`,
        en: `a client that sends nothing is disconnected after ${IDLE.toLocaleString('en')} ms (the --idle default)`,
      },
      hint: {
        pt: "socket.setTimeout(idle) só dispara o evento 'timeout': feche a conexão no listener dele (socket.destroy() ou socket.end()).",
        en: "socket.setTimeout(idle) only fires the 'timeout' event: close the connection in its listener (socket.destroy() or socket.end()).",
      },
      run: async (program) => {
        const [client] = await clients(program, 1);
        const ending = await client.ended(RUN_IDLE + 1500);
        if (ending === undefined) {
          throw new CheckFailure({
            pt: `nada enviado, e a conexão continuava aberta depois de ${RUN_IDLE + 1500} ms`,
            en: `nothing sent, and the connection was still open after ${RUN_IDLE + 1500} ms`,
          });
        }
        if (ending.afterMs < RUN_IDLE * 0.8) {
          throw new CheckFailure({
            pt: `a conexão foi fechada cedo demais, em ${ending.afterMs} ms`,
            en: `the connection was closed too early, after ${ending.afterMs} ms`,
          });
        }
      },
    },
    {
      name: {
        pt: `um cliente que continua falando não é desconectado: uma linha a cada ${GAP} ms, por ${String((3 * GAP) / 1000).replace('.', ',')} s`,
        en: `a client that keeps talking is not disconnected: a line every ${GAP} ms, for ${(3 * GAP) / 1000} s`,
      },
      hint: {
        pt: 'o prazo conta a partir do último byte, não da conexão: use socket.setTimeout, que recomeça a cada byte, e não um setTimeout do Node, que dispara de qualquer jeito.',
        en: "the time counts from the last byte, not from the connection: use socket.setTimeout, which starts again at every byte, not Node's setTimeout, which fires whatever happens.",
      },
      run: async (program) => {
        // A busy machine can hold this checker's own timer past IDLE: a close after such a
        // stall proves nothing, and the client tries again on a new connection (3 times at most).
        let [client] = await clients(program, 1);
        let tries = 1;
        let last = performance.now();
        for (let i = 1; i <= 4; i++) {
          if (i > 1) await sleep(RUN_GAP);
          if (client.ending !== undefined) {
            const stalled = performance.now() - last >= RUN_IDLE * 0.9;
            if (stalled && tries < 3) {
              [client] = await clients(program, 1);
              tries++;
              last = performance.now();
              i = 0;
              continue;
            }
            throw new CheckFailure({
              pt: `a conexão foi fechada antes da linha ${i}, embora uma linha chegasse a cada ${RUN_GAP} ms (menos que ${RUN_IDLE} ms)`,
              en: `the connection was closed before line ${i}, although a line came every ${RUN_GAP} ms (less than ${RUN_IDLE} ms)`,
            });
          }
          await client.send(`line ${i}\n`);
          last = performance.now();
        }
        const expected = 'ok 1\nok 2\nok 3\nok 4\n';
        expectAnswers(
          sent(
            '',
            `enviadas 4 linhas "line N\\n", uma a cada ${RUN_GAP} ms`,
            `sent 4 lines "line N\\n", ${RUN_GAP} ms apart`,
          ),
          await client.read({ lines: 4, limitMs: 2 * RUN_IDLE }),
          expected,
        );
        if ((await client.ended(RUN_IDLE + 1500)) === undefined) {
          throw new CheckFailure({
            pt: `depois da última linha, silêncio: a conexão deveria fechar em ${RUN_IDLE} ms, e continuava aberta`,
            en: `after the last line, silence: the connection should have closed after ${RUN_IDLE} ms, and it was still open`,
          });
        }
      },
    },
  ],
});
