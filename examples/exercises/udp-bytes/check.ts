import { defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- udp-bytes` verifies.
export default defineExercise({
  lesson: 'udp/echo',
  file: 'server.ts',
  protocol: 'udp',
  title: { pt: 'Bytes, não caracteres', en: 'Bytes, not characters' },
  checks: [
    {
      name: { pt: '"abc" tem 3 bytes', en: '"abc" is 3 bytes' },
      run: async (program) => expectText('abc', await program.udp('abc'), '3 bytes'),
    },
    {
      name: {
        pt: '"olá, mundo" tem 11 bytes (e 10 caracteres)',
        en: '"olá, mundo" is 11 bytes (and 10 characters)',
      },
      hint: {
        pt: 'message.toString("utf8").length conta unidades de texto, não bytes. O próprio Buffer sabe quantos bytes tem: message.length.',
        en: 'message.toString("utf8").length counts units of text, not bytes. The Buffer itself knows how many bytes it holds: message.length.',
      },
      run: async (program) => expectText('olá, mundo', await program.udp('olá, mundo'), '11 bytes'),
    },
    {
      name: { pt: '"👋" tem 4 bytes', en: '"👋" is 4 bytes' },
      hint: {
        pt: 'um emoji ocupa 4 bytes em UTF-8, mas "👋".length é 2 no JavaScript: conte os bytes do Buffer.',
        en: 'an emoji takes 4 bytes in UTF-8, but "👋".length is 2 in JavaScript: count the Buffer\'s bytes.',
      },
      run: async (program) => expectText('👋', await program.udp('👋'), '4 bytes'),
    },
    {
      name: {
        pt: 'bytes que não são texto também são contados',
        en: 'bytes that are not text are counted too',
      },
      run: async (program) => {
        const reply = await program.udp(Buffer.from([0xff, 0xfe, 0xfd]));
        expectText('ÿþý (0xff 0xfe 0xfd)', reply, '3 bytes');
      },
    },
  ],
});
