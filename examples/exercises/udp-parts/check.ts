import { CheckFailure, defineExercise, type Program } from '../../../src/lib/exercise.ts';

// What `npm run check -- udp-parts` verifies.

const LIMIT = 1200;
const HEADER = /^(\d+)\/(\d+)\n/;

/** "1\n2\n…\nN\n", what the server must send back for N, as bytes. */
function countTo(n: number): Buffer {
  let text = '';
  for (let i = 1; i <= n; i++) text += `${i}\n`;
  return Buffer.from(text);
}

/**
 * Sends `request` and collects the datagrams of the answer: until all TOTAL
 * parts came, or nothing more came for half a second.
 */
async function ask(program: Program, request: string): Promise<Buffer[]> {
  const total = (reply: Buffer) => Number(HEADER.exec(reply.toString('latin1'))?.[2] ?? 1);
  const replies = await program.datagrams(request, {
    enough: (r) => r.length > 0 && r.length >= total(r[r.length - 1]),
  });
  if (replies.length) return replies;
  throw silence(request);
}

function silence(request: string) {
  return new CheckFailure({
    pt: `enviado "${request}", e nenhum datagrama chegou em 1 s (o envio falhou? veja o terminal do servidor)`,
    en: `sent "${request}", and no datagram came within 1 s (did the send fail? look at the server's output)`,
  });
}

/** Every datagram is at most LIMIT bytes. */
function expectSmall(request: string, replies: Buffer[]) {
  const big = replies.find((r) => r.length > LIMIT);
  if (!big) return;
  throw new CheckFailure({
    pt: `enviado "${request}": chegou um datagrama de ${big.length.toLocaleString('pt-BR')} bytes; o limite é ${LIMIT.toLocaleString('pt-BR')}, cabeçalho incluído`,
    en: `sent "${request}": a ${big.length.toLocaleString('en')}-byte datagram came back; the limit is ${LIMIT.toLocaleString('en')}, header included`,
  });
}

/** The parts are 1/TOTAL … TOTAL/TOTAL, once each, and put together they are `expected`. */
function expectWhole(request: string, replies: Buffer[], expected: Buffer) {
  const fail = (pt: string, en: string) =>
    new CheckFailure({ pt: `enviado "${request}": ${pt}`, en: `sent "${request}": ${en}` });
  const parts = new Map<number, Buffer>();
  let total = 0;
  for (const reply of replies) {
    const m = HEADER.exec(reply.toString('latin1'));
    if (!m) {
      const start = JSON.stringify(reply.subarray(0, 12).toString('utf8'));
      throw fail(
        `um datagrama não começa com a linha "PARTE/TOTAL" (começa com ${start})`,
        `a datagram does not start with a "PART/TOTAL" line (it starts with ${start})`,
      );
    }
    const [part, of] = [Number(m[1]), Number(m[2])];
    if (total && of !== total)
      throw fail(
        `os TOTAIS não batem: ${total} e ${of}`,
        `the TOTALs disagree: ${total} and ${of}`,
      );
    total = of;
    if (part < 1 || part > of)
      throw fail(`parte ${part}/${of} fora do intervalo`, `part ${part}/${of} is out of range`);
    if (parts.has(part))
      throw fail(`a parte ${part}/${of} chegou duas vezes`, `part ${part}/${of} came twice`);
    parts.set(part, reply.subarray(m[0].length));
  }
  if (parts.size !== total) {
    throw fail(
      `chegaram ${parts.size} de ${total} partes`,
      `${parts.size} of ${total} parts came back`,
    );
  }
  const whole = Buffer.concat([...parts.keys()].sort((a, b) => a - b).map((k) => parts.get(k)!));
  if (!whole.equals(expected)) {
    throw fail(
      `juntas, as partes têm ${whole.length} bytes; esperado: ${expected.length} bytes, "1\\n2\\n…${request}\\n"`,
      `put together, the parts are ${whole.length} bytes; expected ${expected.length} bytes, "1\\n2\\n…${request}\\n"`,
    );
  }
}

export default defineExercise({
  lesson: 'udp/datagram-size',
  file: 'server.ts',
  protocol: 'udp',
  title: { pt: 'Contar até N em pedaços', en: 'Counting to N in pieces' },
  checks: [
    {
      name: {
        pt: '"3" volta num só datagrama: "1/1", depois 1, 2, 3',
        en: '"3" comes back in one datagram: "1/1", then 1, 2, 3',
      },
      run: async (program) => {
        const replies = await ask(program, '3');
        if (replies.length !== 1 || !replies[0].equals(Buffer.from('1/1\n1\n2\n3\n'))) {
          throw new CheckFailure({
            pt: `enviado "3", esperado um datagrama "1/1\\n1\\n2\\n3\\n", recebidos ${replies.length}: ${JSON.stringify(replies[0]?.toString())}`,
            en: `sent "3", expected one datagram "1/1\\n1\\n2\\n3\\n", got ${replies.length}: ${JSON.stringify(replies[0]?.toString())}`,
          });
        }
      },
    },
    {
      name: {
        pt: 'a resposta a "1000" vem em datagramas de no máximo 1.200 bytes',
        en: 'the answer to "1000" comes in datagrams of at most 1,200 bytes',
      },
      hint: {
        pt: 'corte o body com body.subarray(início, fim) em pedaços de, digamos, 1.180 bytes, e envie cada um com o cabeçalho `${parte}/${total}\\n` na frente.',
        en: 'cut body with body.subarray(start, end) into pieces of, say, 1,180 bytes, and send each one with the header `${part}/${total}\\n` in front.',
      },
      run: async (program) => expectSmall('1000', await ask(program, '1000')),
    },
    {
      name: {
        pt: 'as partes de "1000" vêm numeradas e, juntas, dão o texto inteiro',
        en: 'the parts of "1000" are numbered and, put together, give the whole text',
      },
      hint: {
        pt: 'TOTAL é Math.ceil(body.length / tamanhoDoPedaço); as partes vão de 1 a TOTAL, e cada uma leva a continuação exata da anterior.',
        en: 'TOTAL is Math.ceil(body.length / pieceSize); parts go from 1 to TOTAL, and each one carries exactly what follows the previous one.',
      },
      run: async (program) => {
        expectWhole('1000', await ask(program, '1000'), countTo(1000));
      },
    },
    {
      name: {
        pt: '"15000" (78.894 bytes, mais do que cabe num datagrama) chega inteiro',
        en: '"15000" (78,894 bytes, more than one datagram can carry) arrives whole',
      },
      hint: {
        pt: 'mais de 65.507 bytes num só send() falha com EMSGSIZE, e nada sai. Em pedaços, qualquer tamanho passa.',
        en: 'more than 65,507 bytes in one send() fails with EMSGSIZE, and nothing leaves. In pieces, any size goes through.',
      },
      run: async (program) => {
        const replies = await ask(program, '15000');
        expectSmall('15000', replies);
        expectWhole('15000', replies, countTo(15000));
      },
    },
    {
      name: {
        pt: '"0" ainda recebe uma resposta: um datagrama "1/1" sem números',
        en: '"0" still gets an answer: one "1/1" datagram with no numbers',
      },
      hint: {
        pt: 'com o texto vazio, Math.ceil(0 / tamanho) é 0: garanta pelo menos uma parte, senão o cliente fica esperando.',
        en: 'with an empty text, Math.ceil(0 / size) is 0: make sure there is at least one part, or the client is left waiting.',
      },
      run: async (program) => {
        const replies = await ask(program, '0');
        expectWhole('0', replies, Buffer.alloc(0));
      },
    },
  ],
});
