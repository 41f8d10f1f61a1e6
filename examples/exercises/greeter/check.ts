import { defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- greeter` verifies: clients that connect one after the other are each
// greeted, with their number. A server that waits for one 'connection' greets the first only.
export default defineExercise({
  lesson: 'basics/node-events',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'Um cumprimento para cada cliente', en: 'A greeting for every client' },
  checks: [
    {
      name: {
        pt: 'o primeiro cliente recebe "hello, client 1"',
        en: 'the first client gets "hello, client 1"',
      },
      hint: {
        pt: 'a linha termina com \\n, e o servidor fecha a conexão logo depois dela, com socket.end(…).',
        en: 'the line ends with \\n, and the server closes the connection right after it, with socket.end(…).',
      },
      run: async (program) => expectText('', await program.tcp(''), 'hello, client 1\n'),
    },
    {
      name: {
        pt: 'o segundo e o terceiro também: "hello, client 2" e "hello, client 3"',
        en: 'so do the second and the third: "hello, client 2" and "hello, client 3"',
      },
      hint: {
        pt: 'um await once(server, "connection") espera uma conexão só. Para ouvir todas, registre um listener, server.on("connection", (socket) => { … }), e conte os clientes fora dele.',
        en: 'await once(server, "connection") waits for one connection only. To hear every one, register a listener, server.on("connection", (socket) => { … }), and count the clients outside it.',
      },
      run: async (program) => {
        for (const n of [2, 3]) expectText('', await program.tcp(''), `hello, client ${n}\n`);
      },
    },
  ],
});
