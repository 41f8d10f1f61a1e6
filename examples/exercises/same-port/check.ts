import { setTimeout as sleep } from 'node:timers/promises';
import { CheckFailure, defineExercise, type Program } from '../../../src/lib/exercise.ts';

// What `npm run check -- same-port` verifies. It sends no data: it only tries to take the
// program's port number itself, in each protocol, as a second program would.

/** Open a TCP connection to the port and close it: the error code, or undefined if it was accepted. */
async function connectTcp(program: Program): Promise<string | undefined> {
  try {
    (await program.connect()).close();
    return undefined;
  } catch (err) {
    return (err as CheckFailure).code;
  }
}

export default defineExercise({
  lesson: 'basics/sockets-and-ports',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'TCP e UDP na mesma porta', en: 'TCP and UDP on the same port' },
  checks: [
    {
      name: {
        pt: 'o TCP está na porta anunciada: uma conexão TCP é aceita',
        en: 'TCP holds the port it announced: a TCP connection is accepted',
      },
      hint: {
        pt: 'a parte TCP já vinha pronta: se ela parou de funcionar, compare o seu arquivo com o original.',
        en: 'the TCP part came ready: if it stopped working, compare your file with the original.',
      },
      run: async (program) => {
        const code = await connectTcp(program);
        if (code === undefined) return;
        throw new CheckFailure({
          pt: `a conexão TCP a 127.0.0.1:${program.port} falhou (${code})`,
          en: `the TCP connection to 127.0.0.1:${program.port} failed (${code})`,
        });
      },
    },
    {
      name: {
        pt: 'o UDP está no mesmo número: outro socket UDP não consegue fazer bind nele (EADDRINUSE)',
        en: 'UDP holds the same number: another UDP socket cannot bind to it (EADDRINUSE)',
      },
      hint: {
        pt: 'chame udp.bind(chosen, host): chosen, e não port, que pode ser 0. Depois espere o evento "listening" com await once(udp, "listening"), como em examples/ports.ts, e só então imprima a linha "listening on".',
        en: 'call udp.bind(chosen, host): chosen, not port, which may be 0. Then wait for the "listening" event with await once(udp, "listening"), as examples/ports.ts does, and only then print the "listening on" line.',
      },
      run: async (program) => {
        const code = await program.bind('udp');
        if (code === 'EADDRINUSE') return;
        throw new CheckFailure(
          code === undefined
            ? {
                pt: `um socket UDP conseguiu fazer bind em 127.0.0.1:${program.port}: a porta UDP estava livre, então o seu programa não a ocupa`,
                en: `a UDP socket could bind to 127.0.0.1:${program.port}: that UDP port was free, so your program does not hold it`,
              }
            : {
                pt: `o bind UDP em 127.0.0.1:${program.port} falhou com ${code}, e não com EADDRINUSE`,
                en: `binding UDP to 127.0.0.1:${program.port} failed with ${code}, not EADDRINUSE`,
              },
        );
      },
    },
    {
      name: {
        pt: 'os dois continuam lá: o TCP ainda aceita conexões depois do bind UDP',
        en: 'both stay there: TCP still accepts connections after the UDP bind',
      },
      hint: {
        pt: 'o socket UDP não pode fechar o servidor TCP, nem o contrário: cada protocolo tem as suas portas.',
        en: 'the UDP socket must not close the TCP server, nor the other way round: each protocol has its own ports.',
      },
      run: async (program) => {
        await sleep(300);
        const [tcp, udp] = [await connectTcp(program), await program.bind('udp')];
        if (tcp === undefined && udp === 'EADDRINUSE') return;
        throw new CheckFailure({
          pt: `300 ms depois: conexão TCP ${tcp === undefined ? 'aceita' : `recusada (${tcp})`}, bind UDP ${udp === 'EADDRINUSE' ? 'recusado (EADDRINUSE)' : udp === undefined ? 'aceito: a porta UDP ficou livre' : `com erro ${udp}`}`,
          en: `300 ms later: TCP connection ${tcp === undefined ? 'accepted' : `refused (${tcp})`}, UDP bind ${udp === 'EADDRINUSE' ? 'refused (EADDRINUSE)' : udp === undefined ? 'accepted: the UDP port was free' : `failed with ${udp}`}`,
        });
      },
    },
  ],
});
