import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    corrects: 'TCP keeps message boundaries',
    question: {
      pt: "O `chunks.ts` faz três `write()` curtos, e quem lê só começa a ler 100 ms depois. Quantos eventos `'data'` o leitor recebe?",
      en: "`chunks.ts` makes three short `write()` calls, and the reader only starts reading 100 ms later. How many `'data'` events does the reader get?",
    },
    answer: 1,
    explanation: {
      pt: 'Enquanto o leitor estava ocupado, os bytes das três escritas esperaram juntos no buffer do kernel, e uma leitura levou tudo: `"one\\ntwo\\nthree\\n"`. O TCP entrega um fluxo de bytes; onde uma escrita terminava e a próxima começava, isso não viaja.',
      en: 'While the reader was busy, the bytes of the three writes waited together in the kernel\'s buffer, and one read took them all: `"one\\ntwo\\nthree\\n"`. TCP delivers a stream of bytes; where one write ended and the next began does not travel.',
    },
    tiedTo: { session: 'streams-chunks', count: /^'data' event: /gm },
  },
  {
    kind: 'number',
    question: {
      pt: 'Na captura da lição, em quantos pacotes com dados as três escritas do `chunks.ts` viajaram?',
      en: "In the lesson's capture, in how many packets with data did the three writes of `chunks.ts` travel?",
    },
    answer: 3,
    explanation: {
      pt: 'Três pacotes, de 4, 4 e 6 bytes: com o algoritmo de Nagle desligado, cada escrita saiu na hora. Mesmo assim, o leitor recebeu um evento só. Pacotes e leituras não se correspondem, e nem um pacote por escrita é regra: outra máquina pode juntar duas escritas num pacote.',
      en: "Three packets, of 4, 4 and 6 bytes: with Nagle's algorithm off, each write left at once. Even so, the reader got a single event. Packets and reads do not match up, and one packet per write is no rule either: another machine may put two writes in one packet.",
    },
    tiedTo: {
      capture: 'streams-three-writes',
      packets: (p) => p.from === 'client' && p.length > 0,
    },
  },
  {
    kind: 'choice',
    corrects: 'decoding each chunk on its own is safe',
    question: {
      pt: 'Os 6 bytes de `ação` chegam em dois pedaços, `61 c3` e `a7 c3 a3 6f`. O que sai de decodificar cada pedaço sozinho?',
      en: 'The 6 bytes of `ação` arrive in two chunks, `61 c3` and `a7 c3 a3 6f`. What comes out of decoding each chunk on its own?',
    },
    options: [
      { pt: '`ação`, do mesmo jeito.', en: '`ação`, just the same.' },
      {
        pt: 'Um erro de decodificação no segundo pedaço.',
        en: 'A decoding error on the second chunk.',
      },
      {
        pt: '`a��ão`: o `ç` se perde, e nenhum erro é lançado.',
        en: '`a��ão`: the `ç` is lost, and no error is thrown.',
      },
    ],
    answer: 2,
    explanation: {
      pt: "Em UTF-8, o `ç` ocupa dois bytes, `c3 a7`, e o corte caiu entre eles: cada metade sozinha é inválida e vira `�`. Um `StringDecoder`, ou `setEncoding('utf8')` no socket, guarda o byte incompleto até o resto chegar.",
      en: "In UTF-8, `ç` takes two bytes, `c3 a7`, and the cut fell between them: each half alone is invalid and becomes `�`. A `StringDecoder`, or `setEncoding('utf8')` on the socket, keeps the incomplete byte until the rest arrives.",
    },
    tiedTo: { session: 'streams-utf8', match: /each chunk decoded alone: [^\n]*= "([^"]+)"/ },
  },
  {
    kind: 'number',
    question: {
      pt: 'Com o tamanho na frente, que número os 4 bytes do tamanho levam para a mensagem `ação`?',
      en: 'With the length in front, what number do the 4 length bytes carry for the message `ação`?',
    },
    answer: 6,
    explanation: {
      pt: 'O tamanho conta bytes, não caracteres. O `ç` e o `ã` ocupam 2 bytes cada, então os 4 caracteres de `ação` são 6 bytes, e o prefixo é `00 00 00 06`.',
      en: 'The length counts bytes, not characters. `ç` and `ã` take 2 bytes each, so the 4 characters of `ação` are 6 bytes, and the prefix is `00 00 00 06`.',
    },
    tiedTo: { session: 'streams-utf8', match: /"ação" in UTF-8: [^\n]*\((\d+) bytes\)/ },
  },
]);
