import { defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- udp-ping` verifies.
export default defineExercise({
  lesson: 'udp/netcat',
  file: 'server.ts',
  protocol: 'udp',
  title: { pt: 'Ping, pong e a tecla Enter', en: 'Ping, pong and the Enter key' },
  checks: [
    {
      name: {
        pt: '"ping\\n", o que o nc envia quando você digita ping e Enter, recebe "pong\\n"',
        en: '"ping\\n", what nc sends when you type ping and Enter, gets "pong\\n"',
      },
      hint: {
        pt: 'rode o servidor e mande ping com nc -u -n 127.0.0.1 PORTA: o log mostra "ping\\n". Compare com esse texto, com a quebra de linha, e responda "pong\\n".',
        en: 'run the server and send ping with nc -u -n 127.0.0.1 PORT: its log shows "ping\\n". Compare with that text, newline included, and answer "pong\\n".',
      },
      run: async (program) => expectText('ping\n', await program.udp('ping\n'), 'pong\n'),
    },
    {
      name: {
        pt: '"ping" sem a quebra de linha não é o comando: recebe unknown: "ping"',
        en: '"ping" without the newline is not the command: it gets unknown: "ping"',
      },
      hint: {
        pt: 'compare com "ping\\n" exatamente, sem trim(): quem manda "ping" sem Enter não usou o protocolo.',
        en: 'compare with "ping\\n" exactly, without trim(): whoever sends "ping" without Enter did not follow the protocol.',
      },
      run: async (program) => expectText('ping', await program.udp('ping'), 'unknown: "ping"\n'),
    },
    {
      name: {
        pt: 'qualquer outra coisa recebe unknown: e o texto em JSON, terminando em "\\n"',
        en: 'anything else gets unknown: and the text as JSON, ending in "\\n"',
      },
      hint: {
        pt: 'termine também essa resposta com "\\n", senão o nc a imprime grudada na próxima linha.',
        en: 'end that answer with "\\n" too, or nc prints it stuck to the next line.',
      },
      run: async (program) =>
        expectText('PING\n', await program.udp('PING\n'), 'unknown: "PING\\n"\n'),
    },
    {
      name: {
        pt: 'um datagrama vazio também recebe resposta, e o servidor continua respondendo',
        en: 'an empty datagram gets an answer too, and the server keeps answering',
      },
      run: async (program) => {
        expectText('', await program.udp(''), 'unknown: ""\n');
        expectText('ping\n', await program.udp('ping\n'), 'pong\n');
      },
    },
  ],
});
