import { CheckFailure, defineExercise, type Program } from '../../../src/lib/exercise.ts';

// What `npm run check -- length-upper` verifies.

/** Messages framed the way the exercise says: 4 bytes of length (big-endian), then UTF-8. */
function framed(...messages: string[]): Buffer {
  return Buffer.concat(
    messages.map((m) => {
      const payload = Buffer.from(m, 'utf8');
      const header = Buffer.alloc(4);
      header.writeUInt32BE(payload.length);
      return Buffer.concat([header, payload]);
    }),
  );
}

const short = (m: string) =>
  m.length > 24 ? `${JSON.stringify(m.slice(0, 12))}…` : JSON.stringify(m);
const list = (ms: string[]) =>
  ms.length > 3
    ? `[${ms.slice(0, 3).map(short).join(', ')}, … (${ms.length})]`
    : `[${ms.map(short).join(', ')}]`;

/** Read the answers back as messages; bytes that are not a whole message are reported as such. */
function messagesIn(reply: Buffer): { messages: string[]; leftover: number } {
  const messages: string[] = [];
  let rest = reply;
  while (rest.length >= 4 && rest.length >= 4 + rest.readUInt32BE(0)) {
    const length = rest.readUInt32BE(0);
    messages.push(rest.subarray(4, 4 + length).toString('utf8'));
    rest = rest.subarray(4 + length);
  }
  return { messages, leftover: rest.length };
}

/** Send `messages` (in one write, or one byte at a time) and compare the answers with their capitals. */
async function expectAnswers(
  program: Program,
  messages: string[],
  how: 'together' | 'byte by byte',
) {
  const expected = messages.map((m) => m.toUpperCase());
  const bytes = framed(...expected).length;
  const client = await program.connect();
  await client.send(framed(...messages), { pauseMs: how === 'together' ? undefined : 5 });
  const reply = await client.read({ bytes });
  if (reply.length < bytes && !client.ending) {
    const what = reply.length
      ? {
          pt: `só ${reply.length} dos ${bytes} bytes de resposta chegaram`,
          en: `only ${reply.length} of the ${bytes} bytes of answers came`,
        }
      : { pt: 'nenhuma resposta chegou', en: 'no answer came' };
    const way =
      how === 'together'
        ? { pt: 'numa escrita só', en: 'in one write' }
        : { pt: 'um byte de cada vez', en: 'one byte at a time' };
    throw new CheckFailure({
      pt: `enviadas as mensagens ${list(messages)} ${way.pt}; esperadas as respostas ${list(expected)}, e em 1 s ${what.pt}`,
      en: `sent the messages ${list(messages)} ${way.en}; expected the answers ${list(expected)}, and within 1 s ${what.en}`,
    });
  }
  const { messages: got, leftover } = messagesIn(reply);
  if (JSON.stringify(got) === JSON.stringify(expected) && leftover === 0) return;
  const extra = leftover
    ? {
        pt: ` e mais ${leftover} bytes que não formam uma mensagem`,
        en: ` and ${leftover} more bytes that are not a whole message`,
      }
    : { pt: '', en: '' };
  throw new CheckFailure({
    pt: `enviadas as mensagens ${list(messages)}; esperadas as respostas ${list(expected)}, recebidas ${list(got)}${extra.pt}`,
    en: `sent the messages ${list(messages)}; expected the answers ${list(expected)}, got ${list(got)}${extra.en}`,
  });
}

/** Announce a message bigger than the limit and expect the server to close the connection. */
async function expectClosedOnHugeLength(program: Program) {
  const client = await program.connect();
  await client.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x61, 0x62]));
  if (await client.ended(1000)) return; // with a FIN or a reset, whatever it said
  throw new CheckFailure({
    pt: 'enviado um cabeçalho que anuncia 4.294.967.295 bytes (ff ff ff ff), e o servidor continuou com a conexão aberta depois de 1 s',
    en: 'sent a header announcing 4,294,967,295 bytes (ff ff ff ff), and the server still held the connection open after 1 s',
  });
}

export default defineExercise({
  lesson: 'tcp/streams',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'Mensagens com o tamanho na frente', en: 'Messages with their length in front' },
  checks: [
    {
      name: { pt: '"olá" volta como "OLÁ"', en: '"olá" comes back as "OLÁ"' },
      run: (program) => expectAnswers(program, ['olá'], 'together'),
    },
    {
      name: {
        pt: 'duas mensagens numa escrita só recebem duas respostas',
        en: 'two messages in one write get two answers',
      },
      hint: {
        pt: 'um pedaço pode trazer mais de uma mensagem: depois de responder uma, continue olhando o que sobrou (um laço while), sem descartar nada.',
        en: 'one chunk may carry more than one message: after answering one, keep looking at what is left (a while loop), and throw nothing away.',
      },
      run: (program) => expectAnswers(program, ['um', 'dois'], 'together'),
    },
    {
      name: {
        pt: '"ação", enviada um byte de cada vez, volta como "AÇÃO"',
        en: '"ação", sent one byte at a time, comes back as "AÇÃO"',
      },
      hint: {
        pt: 'guarde os bytes que chegam num Buffer (Buffer.concat) e só leia o tamanho quando houver 4 bytes, e a mensagem quando houver 4 + tamanho. Decodifique a mensagem inteira, nunca um pedaço.',
        en: 'keep the bytes that arrive in a Buffer (Buffer.concat); read the length only once 4 bytes are there, and the message once 4 + length are. Decode the whole message, never a chunk.',
      },
      run: (program) => expectAnswers(program, ['ação'], 'byte by byte'),
    },
    {
      name: {
        pt: 'uma mensagem vazia recebe uma resposta vazia',
        en: 'an empty message gets an empty answer',
      },
      hint: {
        pt: 'o tamanho 0 é válido: a resposta são só os 4 bytes 00 00 00 00.',
        en: 'a length of 0 is valid: the answer is just the 4 bytes 00 00 00 00.',
      },
      run: (program) => expectAnswers(program, [''], 'together'),
    },
    {
      name: {
        pt: 'uma mensagem de 350.000 bytes, que chega em vários pedaços, volta inteira',
        en: 'a 350,000-byte message, which arrives in several chunks, comes back whole',
      },
      hint: {
        pt: "o Node lê no máximo 64 KiB por vez: uma mensagem grande chega em vários eventos 'data'. Espere até ter 4 + tamanho bytes.",
        en: "Node reads at most 64 KiB at a time: a big message arrives in several 'data' events. Wait until you hold 4 + length bytes.",
      },
      run: (program) => expectAnswers(program, ['ação '.repeat(50_000)], 'together'),
    },
    {
      name: {
        pt: 'um tamanho acima de 1 MiB fecha a conexão',
        en: 'a length over 1 MiB closes the connection',
      },
      hint: {
        pt: 'se o tamanho lido for maior que MAX_MESSAGE, não espere pelos bytes (seriam 4 GiB na memória): chame socket.destroy().',
        en: 'if the length you read is over MAX_MESSAGE, do not wait for the bytes (that would be 4 GiB of memory): call socket.destroy().',
      },
      run: (program) => expectClosedOnHugeLength(program),
    },
    {
      name: {
        pt: 'depois de tudo isso, o servidor continua respondendo',
        en: 'after all that, the server still answers',
      },
      run: (program) => expectAnswers(program, ['ainda aí?'], 'together'),
    },
  ],
});
