import { setTimeout as sleep } from 'node:timers/promises';
import {
  CheckFailure,
  defineExercise,
  show,
  type Program,
  type ReadUntil,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- tcp-abort` verifies. Each check opens its own connection, writes
// without half-closing, and watches how the server ends it: FIN ('end'), RST (ECONNRESET), or not at all.

interface Outcome {
  received: string;
  /** 'FIN' (a clean end), an error code such as 'ECONNRESET', or 'open' (still open after the wait). */
  ending: string;
}

/** Write `text`, then read until the server ends the connection, or `until` says enough came (a second at most). */
async function talk(program: Program, text: string, until: ReadUntil = {}): Promise<Outcome> {
  const client = await program.connect().catch((err: CheckFailure) => err);
  if (client instanceof CheckFailure)
    return { received: '', ending: client.code ?? client.message };
  await client.send(text);
  await client.read(until);
  return { received: client.text(), ending: client.ending?.how ?? 'open' };
}

/** How a connection ended, in words, for a failure message. */
function ended({ received, ending }: Outcome) {
  if (ending === 'ECONNREFUSED') {
    return {
      pt: 'ninguém mais escuta na porta (ECONNREFUSED): o servidor caiu?',
      en: 'nothing listens on the port any more (ECONNREFUSED): did the server crash?',
    };
  }
  const got = { pt: `recebido ${show(received)}`, en: `got ${show(received)}` };
  if (ending === 'FIN')
    return {
      pt: `${got.pt}, e a conexão terminou com FIN`,
      en: `${got.en}, and the connection ended with FIN`,
    };
  if (ending === 'open')
    return {
      pt: `${got.pt}, e a conexão continuou aberta`,
      en: `${got.en}, and the connection stayed open`,
    };
  return {
    pt: `${got.pt}, e a conexão terminou com ${ending}`,
    en: `${got.en}, and the connection ended with ${ending}`,
  };
}

export default defineExercise({
  lesson: 'tcp/packets',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'Sair com FIN ou com RST', en: 'Leaving with FIN or with RST' },
  checks: [
    {
      name: {
        pt: '"quit" recebe "bye" e a conexão termina limpa, com FIN',
        en: '"quit" gets "bye" and the connection ends cleanly, with FIN',
      },
      hint: {
        pt: 'socket.end("bye\\n") escreve a resposta e manda o FIN depois dela: o cliente recebe "bye" e o evento \'end\'.',
        en: 'socket.end("bye\\n") writes the answer and sends FIN after it: the client gets "bye" and the \'end\' event.',
      },
      run: async (program) => {
        const outcome = await talk(program, 'quit\n');
        if (outcome.received === 'bye\n' && outcome.ending === 'FIN') return;
        const why = ended(outcome);
        throw new CheckFailure({
          pt: `enviado "quit\\n", esperado "bye\\n" e um FIN; ${why.pt}`,
          en: `sent "quit\\n", expected "bye\\n" and a FIN; ${why.en}`,
        });
      },
    },
    {
      name: {
        pt: '"abort" derruba a conexão com RST: o cliente recebe ECONNRESET',
        en: '"abort" tears the connection down with RST: the client gets ECONNRESET',
      },
      hint: {
        pt: 'end() manda FIN, o fim educado (e destroy() também, quando não sobrou nada sem ler). Para mandar um RST, chame socket.resetAndDestroy() quando a linha for "abort" (e não responda nada).',
        en: 'end() sends FIN, the polite end (and so does destroy(), when nothing is left unread). To send a RST, call socket.resetAndDestroy() when the line is "abort" (and answer nothing).',
      },
      run: async (program) => {
        const outcome = await talk(program, 'abort\n');
        if (outcome.ending === 'ECONNRESET') return;
        const why = ended(outcome);
        throw new CheckFailure({
          pt: `enviado "abort\\n", esperado um RST (ECONNRESET no cliente); ${why.pt}`,
          en: `sent "abort\\n", expected a RST (ECONNRESET at the client); ${why.en}`,
        });
      },
    },
    {
      name: {
        pt: 'duas linhas numa escrita só, "hello\\nolá\\n": uma resposta "unknown: …" para cada',
        en: 'two lines in one write, "hello\\nolá\\n": one "unknown: …" answer for each',
      },
      run: async (program) => {
        const expected = 'unknown: hello\nunknown: olá\n';
        const outcome = await talk(program, 'hello\nolá\n', { bytes: Buffer.byteLength(expected) });
        if (outcome.received === expected) return;
        const why = ended(outcome);
        throw new CheckFailure({
          pt: `enviado "hello\\nolá\\n", esperado ${show(expected)}; ${why.pt}`,
          en: `sent "hello\\nolá\\n", expected ${show(expected)}; ${why.en}`,
        });
      },
    },
    {
      name: {
        pt: 'o servidor continua atendendo depois que um cliente manda um RST',
        en: 'the server keeps serving after a client sends a RST',
      },
      hint: {
        pt: 'sem um listener de \'error\' no socket, o ECONNRESET derruba o processo inteiro: deixe o socket.on("error", …) no lugar.',
        en: 'without an \'error\' listener on the socket, ECONNRESET brings the whole process down: keep socket.on("error", …) in place.',
      },
      run: async (program) => {
        const rude = await program.connect().catch(() => undefined); // no server: the next step says so
        await rude?.send('qu'); // half a line, then the RST
        await sleep(50);
        rude?.reset();
        await sleep(100);
        const outcome = await talk(program, 'quit\n');
        if (outcome.received === 'bye\n') return;
        const why = ended(outcome);
        throw new CheckFailure({
          pt: `um cliente mandou "qu" e um RST; depois, enviado "quit\\n" por outra conexão, esperado "bye\\n"; ${why.pt}`,
          en: `a client sent "qu" and a RST; then "quit\\n" sent over another connection, expected "bye\\n"; ${why.en}`,
        });
      },
    },
  ],
});
