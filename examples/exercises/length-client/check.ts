import { setTimeout as sleep } from 'node:timers/promises';
import {
  SLACK,
  brief,
  defineClientExercise,
  fail,
  outcome,
  ranWith,
  type Connection,
  type LearnerClient,
  type Text,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- length-client` verifies. Each check starts a server of its own that
// reads the program's messages (until it has as many bytes as they make, or FIN) and then
// answers each one in capitals, framed, cut where the check says.
const PAUSE = 100 * SLACK; // between the pieces of a reply, so that they arrive apart
const TIMEOUT = 1000; // the --timeout each run gets (times CHECK_SLACK: a busy machine is slower)

/** A message on the wire: 4 bytes of length (big-endian), then its UTF-8 bytes. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length);
  return Buffer.concat([header, payload]);
}

const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
const upper = (messages: string[]) => messages.map((m) => m.toUpperCase());

/** Write `pieces`, PAUSE apart. */
async function inPieces(connection: Connection, pieces: Buffer[]) {
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await sleep(PAUSE);
    await connection.send(piece);
  }
}

/**
 * Run the program with `messages` against a server that reads them, then does `answer` (by
 * default: each reply in a write of its own, then FIN).
 */
async function exchange(
  learner: LearnerClient,
  messages: string[],
  scene?: Text,
  answer: (connection: Connection, replies: Buffer[]) => Promise<void> = async (c, replies) => {
    await inPieces(c, replies);
    c.end();
  },
) {
  const bytes = messages.reduce((sum, m) => sum + 4 + Buffer.byteLength(m), 0);
  const server = await learner.serve(async (connection) => {
    await connection.read({ bytes, limitMs: TIMEOUT });
    await answer(connection, upper(messages).map(frame));
  });
  const args = ['--host', '127.0.0.1', '--port', String(server.port)];
  const ran = await learner.run([...args, '--timeout', String(TIMEOUT * SLACK), ...messages], {
    scene,
  });
  return { ran, did: ranWith(ran.args, scene), sent: server.connections[0]?.received() };
}

/** Run with `messages`, the server answering as `answer` says; the replies must come out one per line, exit code 0. */
async function expectReplies(
  learner: LearnerClient,
  messages: string[],
  scene: Text,
  answer?: (connection: Connection, replies: Buffer[]) => Promise<void>,
) {
  const { ran, did } = await exchange(learner, messages, scene, answer);
  const lines = upper(messages).map((m) => `${m}\n`);
  if (ran.code !== 0 || ran.stdout !== lines.join('')) {
    const shown = brief(lines.join(''), 60);
    fail(
      did,
      { pt: `código de saída 0, stdout ${shown}`, en: `exit code 0, stdout ${shown}` },
      outcome(ran),
    );
  }
}

export default defineClientExercise({
  lesson: 'tcp/streams',
  file: 'client.ts',
  protocol: 'tcp',
  title: {
    pt: 'O cliente de mensagens com tamanho na frente',
    en: 'The client for length-prefixed messages',
  },
  checks: [
    {
      name: {
        pt: '"hello" sai como 00 00 00 05 e os seus 5 bytes: o tamanho em 4 bytes, big-endian',
        en: '"hello" goes out as 00 00 00 05 and its 5 bytes: the length in 4 bytes, big-endian',
      },
      hint: {
        pt: 'monte o cabeçalho com Buffer.alloc(4) e header.writeUInt32BE(tamanho): big-endian, o byte mais significativo primeiro, como o length-framing.ts da lição. writeUInt32LE põe os bytes ao contrário.',
        en: 'build the header with Buffer.alloc(4) and header.writeUInt32BE(length): big-endian, the most significant byte first, as the lesson’s length-framing.ts does. writeUInt32LE puts the bytes the other way round.',
      },
      run: async (learner) => {
        const { ran, did, sent } = await exchange(learner, ['hello']);
        const expected = frame('hello');
        if (!sent?.equals(expected))
          fail(
            did,
            { pt: `os bytes ${hex(expected)}`, en: `the bytes ${hex(expected)}` },
            sent?.length
              ? { pt: `os bytes ${hex(sent)}`, en: `the bytes ${hex(sent)}` }
              : { pt: `nenhum byte; ${outcome(ran).pt}`, en: `no bytes; ${outcome(ran).en}` },
          );
      },
    },
    {
      name: {
        pt: 'o tamanho conta bytes: "olá" tem 4 bytes (e 3 caracteres)',
        en: 'the length counts bytes: "olá" is 4 bytes (and 3 characters)',
      },
      hint: {
        pt: 'o tamanho é o do Buffer, não o do texto: Buffer.from(mensagem, "utf8").length, ou Buffer.byteLength(mensagem). "á" ocupa 2 bytes em UTF-8.',
        en: 'the length is the Buffer’s, not the text’s: Buffer.from(message, "utf8").length, or Buffer.byteLength(message). "á" takes 2 bytes in UTF-8.',
      },
      run: async (learner) => {
        const { ran, did, sent } = await exchange(learner, ['olá']);
        // The byte order is the check above's business: here, 4 in either order will do.
        const said =
          sent && sent.length >= 4
            ? Math.min(sent.readUInt32BE(0), sent.readUInt32LE(0))
            : undefined;
        if (said !== 4 || sent?.length !== 8)
          fail(
            did,
            {
              pt: `o tamanho 4 (00 00 00 04), e os 4 bytes de "olá" (${hex(Buffer.from('olá'))})`,
              en: `the length 4 (00 00 00 04), then the 4 bytes of "olá" (${hex(Buffer.from('olá'))})`,
            },
            sent?.length
              ? { pt: `os bytes ${hex(sent)}`, en: `the bytes ${hex(sent)}` }
              : { pt: `nenhum byte; ${outcome(ran).pt}`, en: `no bytes; ${outcome(ran).en}` },
          );
      },
    },
    {
      name: {
        pt: 'escreve cada resposta numa linha e termina depois da última, mesmo com a conexão ainda aberta',
        en: 'prints each reply on a line and ends after the last one, even with the connection still open',
      },
      hint: {
        pt: 'conte as respostas: quando chegar a última, feche a conexão (socket.destroy()) e o programa termina. O servidor não tem obrigação de fechar primeiro.',
        en: 'count the replies: when the last one has come, close the connection (socket.destroy()) and the program ends. The server need not close first.',
      },
      run: async (learner) =>
        expectReplies(
          learner,
          ['hello', 'world'],
          {
            pt: 'o servidor responde "HELLO" e "WORLD" e deixa a conexão aberta',
            en: 'the server answers "HELLO" and "WORLD" and leaves the connection open',
          },
          (c, replies) => inPieces(c, replies),
        ),
    },
    {
      name: {
        pt: 'uma resposta que chega em dois pedaços, cortada no meio do texto, sai inteira',
        en: 'a reply that arrives in two pieces, cut in the middle of its text, comes out whole',
      },
      hint: {
        pt: "leia o tamanho e espere até ter 4 + tamanho bytes guardados antes de escrever a resposta: o resto pode estar no próximo evento 'data'.",
        en: "read the length and wait until you have 4 + length bytes kept before printing the reply: the rest may be in the next 'data' event.",
      },
      run: async (learner) =>
        expectReplies(
          learner,
          ['streams have no borders'],
          {
            pt: 'o servidor manda a resposta em dois pedaços, cortada depois de "STREAMS"',
            en: 'the server sends the reply in two pieces, cut after "STREAMS"',
          },
          async (c, [reply]) => {
            await inPieces(c, [reply.subarray(0, 4 + 7), reply.subarray(4 + 7)]);
            c.end();
          },
        ),
    },
    {
      name: {
        pt: 'uma resposta cortada no meio dos 4 bytes de tamanho sai inteira',
        en: 'a reply cut in the middle of its 4 length bytes comes out whole',
      },
      hint: {
        pt: 'só leia o tamanho quando tiver pelo menos 4 bytes guardados: readUInt32BE(0) com menos que isso lança um erro (ERR_OUT_OF_RANGE).',
        en: 'read the length only once you have at least 4 bytes kept: readUInt32BE(0) on fewer throws an error (ERR_OUT_OF_RANGE).',
      },
      run: async (learner) =>
        expectReplies(
          learner,
          ['cut'],
          {
            pt: 'o servidor manda 2 bytes do tamanho, e depois o resto',
            en: 'the server sends 2 bytes of the length, then the rest',
          },
          async (c, [reply]) => {
            await inPieces(c, [reply.subarray(0, 2), reply.subarray(2)]);
            c.end();
          },
        ),
    },
    {
      name: {
        pt: 'duas respostas que chegam num pedaço só saem em duas linhas',
        en: 'two replies that arrive in one piece come out as two lines',
      },
      hint: {
        pt: 'depois de tirar uma resposta dos bytes guardados, veja se já há outra inteira: um laço (while), não um if.',
        en: 'after taking one reply out of the kept bytes, see whether another whole one is there: a loop (while), not an if.',
      },
      run: async (learner) =>
        expectReplies(
          learner,
          ['one', 'two'],
          {
            pt: 'o servidor manda as duas respostas numa escrita só',
            en: 'the server sends both replies in one write',
          },
          async (c, replies) => c.end(Buffer.concat(replies)),
        ),
    },
    {
      name: {
        pt: 'uma resposta de 300 bytes (o tamanho não cabe num byte só)',
        en: 'a reply of 300 bytes (its length does not fit in one byte)',
      },
      hint: {
        pt: 'o tamanho são os 4 bytes juntos: pending.readUInt32BE(0), e não só o último byte (pending[3]).',
        en: 'the length is all 4 bytes together: pending.readUInt32BE(0), not only the last byte (pending[3]).',
      },
      run: async (learner) =>
        expectReplies(learner, ['a'.repeat(300)], {
          pt: 'o servidor responde 300 letras "A"',
          en: 'the server answers 300 letters "A"',
        }),
    },
    {
      name: {
        pt: 'o servidor fecha depois de 1 das 2 respostas: uma linha no stderr e código de saída 1',
        en: 'the server closes after 1 of the 2 replies: one line on stderr and exit code 1',
      },
      hint: {
        pt: "trate o evento 'end' (o FIN do servidor): se ele chegar antes da última resposta, diga numa linha, com console.error, quantas chegaram, e saia com process.exit(1).",
        en: "handle the 'end' event (the server's FIN): if it comes before the last reply, say in one line, with console.error, how many came, and exit with process.exit(1).",
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor responde só "ONE" e fecha a conexão',
          en: 'the server answers only "ONE" and closes the connection',
        };
        const { ran, did } = await exchange(learner, ['one', 'two'], scene, async (c, [first]) =>
          c.end(first),
        );
        const oneLine = ran.stderr.trim() !== '' && !ran.stderr.trim().includes('\n');
        if (ran.code !== 1 || !oneLine || ran.stdout !== 'ONE\n')
          fail(
            did,
            {
              pt: 'stdout "ONE\\n", uma linha no stderr e código de saída 1',
              en: 'stdout "ONE\\n", one line on stderr and exit code 1',
            },
            outcome(ran),
          );
      },
    },
    {
      name: {
        pt: `um servidor que nunca responde: o programa desiste depois de --timeout ms, com uma linha no stderr e código de saída 1`,
        en: `a server that never answers: the program gives up after --timeout ms, with one line on stderr and exit code 1`,
      },
      hint: {
        pt: 'socket.setTimeout(timeout, …) avisa quando a conexão fica --timeout ms sem tráfego: nesse listener, diga numa linha que nada chegou e saia com process.exit(1).',
        en: 'socket.setTimeout(timeout, …) tells you when the connection has been quiet for --timeout ms: in that listener, say in one line that nothing came and exit with process.exit(1).',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor lê tudo e nunca responde',
          en: 'the server reads everything and never answers',
        };
        const server = await learner.serve(() => {});
        const args = ['--host', '127.0.0.1', '--port', String(server.port)];
        const ran = await learner.run([...args, '--timeout', '300', 'hello'], { scene });
        const oneLine = ran.stderr.trim() !== '' && !ran.stderr.trim().includes('\n');
        if (ran.code !== 1 || !oneLine)
          fail(
            ranWith(ran.args, scene),
            {
              pt: 'uma linha no stderr e código de saída 1',
              en: 'one line on stderr and exit code 1',
            },
            outcome(ran),
          );
      },
    },
  ],
});
