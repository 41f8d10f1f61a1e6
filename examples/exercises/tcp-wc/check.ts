import { CheckFailure, defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- tcp-wc` verifies. Each check sends its bytes, half-closes
// (end(): FIN) and reads until the server closes.
const many = 'x\n'.repeat(1024 * 1024); // 2 MiB: dozens of 'data' events

export default defineExercise({
  lesson: 'tcp/closing',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'Um wc do outro lado da conexão', en: 'wc at the other end of the connection' },
  checks: [
    {
      name: {
        pt: 'o servidor responde depois que o cliente faz o half-close',
        en: 'the server answers after the client half-closes',
      },
      hint: {
        pt: 'se nada volta, é porque o Node fechou o lado do servidor assim que o FIN do cliente chegou (allowHalfOpen: false é o padrão). Crie o servidor com net.createServer({ allowHalfOpen: true }, …).',
        en: "if nothing comes back, it is because Node closed the server's side as soon as the client's FIN arrived (allowHalfOpen: false is the default). Create the server with net.createServer({ allowHalfOpen: true }, …).",
      },
      run: async (program) => {
        if ((await program.tcp('um\ndois\n')).length > 0) return;
        throw new CheckFailure({
          pt: 'enviado "um\\ndois\\n", seguido do FIN, e o servidor fechou a conexão sem responder nada',
          en: 'sent "um\\ndois\\n", then FIN, and the server closed the connection without answering anything',
        });
      },
    },
    {
      name: {
        pt: '"um\\ndois\\n" tem 2 linhas e 8 bytes',
        en: '"um\\ndois\\n" has 2 lines and 8 bytes',
      },
      hint: {
        pt: 'cada linha termina com "\\n", o byte de valor 10: percorra os bytes de cada pedaço (for (const byte of chunk)) e conte os que valem 10.',
        en: 'every line ends with "\\n", the byte whose value is 10: go through the bytes of each chunk (for (const byte of chunk)) and count the 10s.',
      },
      run: async (program) =>
        expectText('um\ndois\n', await program.tcp('um\ndois\n'), 'lines: 2, bytes: 8\n'),
    },
    {
      name: { pt: '"ação\\n" tem 1 linha e 7 bytes', en: '"ação\\n" has 1 line and 7 bytes' },
      hint: {
        pt: 'conte bytes, não caracteres: chunk.length de um Buffer. Para as linhas, conte os bytes de valor 10 ("\\n").',
        en: 'count bytes, not characters: the chunk.length of a Buffer. For lines, count the bytes whose value is 10 ("\\n").',
      },
      run: async (program) =>
        expectText('ação\n', await program.tcp('ação\n'), 'lines: 1, bytes: 7\n'),
    },
    {
      name: {
        pt: '"a\\nb" tem 1 linha (como no wc -l, conta-se "\\n") e 3 bytes',
        en: '"a\\nb" has 1 line (as in wc -l, the "\\n" are counted) and 3 bytes',
      },
      run: async (program) => expectText('a\nb', await program.tcp('a\nb'), 'lines: 1, bytes: 3\n'),
    },
    {
      name: { pt: 'nada enviado: 0 linhas e 0 bytes', en: 'nothing sent: 0 lines and 0 bytes' },
      run: async (program) => expectText('', await program.tcp(''), 'lines: 0, bytes: 0\n'),
    },
    {
      name: {
        pt: '"um\\ndois\\n" enviado um byte de cada vez dá o mesmo resultado',
        en: '"um\\ndois\\n" sent one byte at a time gives the same result',
      },
      run: async (program) =>
        expectText('um\ndois\n', await program.tcpByteByByte('um\ndois\n'), 'lines: 2, bytes: 8\n'),
    },
    {
      name: {
        pt: '2 MiB em muitos pedaços: 1.048.576 linhas e 2.097.152 bytes',
        en: '2 MiB in many chunks: 1,048,576 lines and 2,097,152 bytes',
      },
      hint: {
        pt: "atualize os totais a cada evento 'data', sem guardar os dados: um contador de bytes e um de linhas bastam, por maior que seja a entrada.",
        en: "update the totals at every 'data' event, without keeping the data: a byte counter and a line counter are enough, however big the input.",
      },
      run: async (program) =>
        expectText(
          'x\n × 1048576',
          await program.tcp(many, { timeoutMs: 5000 }),
          'lines: 1048576, bytes: 2097152\n',
        ),
    },
  ],
});
