import { setTimeout as sleep } from 'node:timers/promises';
import {
  CheckFailure,
  defineExercise,
  expectText,
  type Program,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- tcp-upper` verifies.

/** Send `pieces` as separate writes, `gapMs` apart, half-close, and return all that comes back. */
async function sendInPieces(program: Program, pieces: Buffer[], gapMs = 150): Promise<Buffer> {
  const client = await program.connect();
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await sleep(gapMs);
    await client.send(piece);
  }
  client.end();
  const reply = await client.read({ limitMs: 2000 }); // a reset still ends it, with what came so far
  if (client.ending) return reply;
  const sent = JSON.stringify(Buffer.concat(pieces).toString('utf8'));
  throw new CheckFailure({
    pt: `enviado ${sent} em ${pieces.length} pedaços, e a conexão não terminou em 2 s (recebido até aqui: ${JSON.stringify(reply.toString())})`,
    en: `sent ${sent} in ${pieces.length} pieces, and the connection did not end within 2 s (received so far: ${JSON.stringify(reply.toString())})`,
  });
}

const LONG = 'ação, pão e café. '.repeat(20_000); // 440,000 bytes: many chunks

export default defineExercise({
  lesson: 'tcp/client-server',
  file: 'server.ts',
  protocol: 'tcp',
  title: {
    pt: 'O servidor TCP que responde em maiúsculas',
    en: 'The TCP server that answers in capitals',
  },
  checks: [
    {
      name: { pt: '"hello" volta como "HELLO"', en: '"hello" comes back as "HELLO"' },
      run: async (program) => expectText('hello', await program.tcp('hello'), 'HELLO'),
    },
    {
      name: {
        pt: '"olá, mundo" volta como "OLÁ, MUNDO"',
        en: '"olá, mundo" comes back as "OLÁ, MUNDO"',
      },
      run: async (program) =>
        expectText('olá, mundo', await program.tcp('olá, mundo'), 'OLÁ, MUNDO'),
    },
    {
      name: {
        pt: '"hello " e depois "world", em dois pedaços, voltam como "HELLO WORLD"',
        en: '"hello " and then "world", in two pieces, come back as "HELLO WORLD"',
      },
      hint: {
        pt: 'o servidor só responde ao primeiro pedaço e logo fecha a conexão. Troque o once("data") por on("data") e responda a cada pedaço; não chame end() você mesmo: quando o cliente fizer o half-close, o Node encerra o seu lado.',
        en: 'the server answers only the first piece and then closes the connection. Use on("data") instead of once("data") and answer every piece; do not call end() yourself: when the client half-closes, Node ends your side.',
      },
      run: async (program) => {
        const reply = await sendInPieces(program, [Buffer.from('hello '), Buffer.from('world')]);
        expectText('hello world', reply, 'HELLO WORLD');
      },
    },
    {
      name: {
        pt: '"ação" cortado no meio do "ç" volta como "AÇÃO"',
        en: '"ação" cut in the middle of its "ç" comes back as "AÇÃO"',
      },
      hint: {
        pt: 'o "ç" ocupa dois bytes, e cada um chegou num pedaço. chunk.toString() em cada pedaço estraga o caractere; use socket.setEncoding("utf8") (ou um StringDecoder), que espera a outra metade.',
        en: 'the "ç" takes two bytes, and each arrived in a different chunk. chunk.toString() on each chunk breaks the character; use socket.setEncoding("utf8") (or a StringDecoder), which waits for the other half.',
      },
      run: async (program) => {
        const bytes = Buffer.from('ação'); // 61 c3 a7 c3 a3 6f
        const reply = await sendInPieces(program, [bytes.subarray(0, 2), bytes.subarray(2)]);
        expectText('ação', reply, 'AÇÃO');
      },
    },
    {
      name: {
        pt: 'um texto longo (440.000 bytes, muitos pedaços) volta inteiro em maiúsculas',
        en: 'a long text (440,000 bytes, many chunks) comes back whole, in capitals',
      },
      run: async (program) => {
        const reply = await program.tcp(LONG, { timeoutMs: 5000 });
        const expected = Buffer.from(LONG.toUpperCase());
        if (reply.equals(expected)) return;
        const firstDiff = [...expected].findIndex((b, i) => reply[i] !== b);
        throw new CheckFailure({
          pt: `enviados ${expected.length} bytes, recebidos ${reply.length}; a primeira diferença está no byte ${firstDiff}`,
          en: `sent ${expected.length} bytes, got ${reply.length} back; the first difference is at byte ${firstDiff}`,
        });
      },
    },
    {
      name: {
        pt: 'cinco clientes ao mesmo tempo recebem cada um a sua resposta',
        en: 'five clients at once each get their own answer',
      },
      run: async (program) => {
        const texts = ['um', 'dois', 'três', 'quatro', 'cinco'];
        const replies = await Promise.all(texts.map((t) => program.tcp(t)));
        texts.forEach((t, i) => expectText(t, replies[i], t.toUpperCase()));
      },
    },
  ],
});
