import { defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- same-port` verifies.
export default defineExercise({
  lesson: 'basics/sockets-and-ports',
  file: 'server.ts',
  protocol: 'udp',
  title: { pt: 'TCP e UDP na mesma porta', en: 'TCP and UDP on the same port' },
  checks: [
    {
      name: { pt: 'uma conexão TCP recebe "tcp PORTA"', en: 'a TCP connection gets "tcp PORT"' },
      hint: {
        pt: 'a parte TCP já vinha pronta: se ela parou de funcionar, compare o seu arquivo com o original.',
        en: 'the TCP part came ready: if it stopped working, compare your file with the original.',
      },
      run: async (program) => expectText('', await program.tcp(''), `tcp ${program.port}\n`),
    },
    {
      name: {
        pt: 'um datagrama UDP para o mesmo número de porta recebe "udp PORTA"',
        en: 'a UDP datagram to the same port number gets "udp PORT"',
      },
      hint: {
        pt: 'o socket udp já existe: responda no evento "message" com udp.send(texto, sender.port, sender.address) e chame udp.bind(chosen, host, callback). Imprima a linha "listening on" só dentro do callback do bind.',
        en: 'the udp socket already exists: answer in its "message" event with udp.send(text, sender.port, sender.address) and call udp.bind(chosen, host, callback). Print the "listening on" line only inside bind\'s callback.',
      },
      run: async (program) => expectText('hello', await program.udp('hello'), `udp ${program.port}\n`),
    },
    {
      name: {
        pt: 'os dois continuam respondendo, um depois do outro',
        en: 'both keep answering, one after the other',
      },
      hint: {
        pt: 'um datagrama vazio também merece resposta; e a porta UDP tem que ser a mesma que o TCP ganhou (use chosen, não port, que pode ser 0).',
        en: 'an empty datagram deserves an answer too; and the UDP port must be the one TCP got (use chosen, not port, which may be 0).',
      },
      run: async (program) => {
        expectText('', await program.udp(''), `udp ${program.port}\n`);
        expectText('', await program.tcp(''), `tcp ${program.port}\n`);
        expectText('again', await program.udp('again'), `udp ${program.port}\n`);
      },
    },
  ],
});
