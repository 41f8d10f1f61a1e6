import { defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- udp-upper` verifies.
export default defineExercise({
  lesson: 'udp/echo',
  file: 'server.ts',
  protocol: 'udp',
  title: { pt: 'O servidor que responde em maiúsculas', en: 'The server that answers in capitals' },
  checks: [
    {
      name: { pt: '"hello" volta como "HELLO"', en: '"hello" comes back as "HELLO"' },
      hint: {
        pt: 'a resposta ainda é o próprio message. Transforme em texto com message.toString("utf8"), use toUpperCase() e volte para bytes com Buffer.from(texto, "utf8").',
        en: 'the reply is still message itself. Turn it into text with message.toString("utf8"), call toUpperCase() and get bytes back with Buffer.from(text, "utf8").',
      },
      run: async (program) => expectText('hello', await program.udp('hello'), 'HELLO'),
    },
    {
      name: {
        pt: '"olá, mundo" volta como "OLÁ, MUNDO"',
        en: '"olá, mundo" comes back as "OLÁ, MUNDO"',
      },
      hint: {
        pt: '"á" ocupa dois bytes em UTF-8: mudar os bytes um a um não funciona. Decodifique o texto inteiro antes de passar para maiúsculas.',
        en: '"á" takes two bytes in UTF-8: changing bytes one by one does not work. Decode the whole text before upper-casing it.',
      },
      run: async (program) =>
        expectText('olá, mundo', await program.udp('olá, mundo'), 'OLÁ, MUNDO'),
    },
    {
      name: { pt: '"ação 123" volta como "AÇÃO 123"', en: '"ação 123" comes back as "AÇÃO 123"' },
      run: async (program) => expectText('ação 123', await program.udp('ação 123'), 'AÇÃO 123'),
    },
    {
      name: {
        pt: 'um datagrama vazio não derruba o servidor, que continua respondendo',
        en: 'an empty datagram does not bring the server down; it keeps answering',
      },
      hint: {
        pt: 'um datagrama de 0 bytes é válido: o servidor deve responder (com 0 bytes) e seguir em frente.',
        en: 'a 0-byte datagram is valid: the server should answer (with 0 bytes) and carry on.',
      },
      run: async (program) => {
        expectText('', await program.udp(''), '');
        expectText('ok', await program.udp('ok'), 'OK');
      },
    },
  ],
});
