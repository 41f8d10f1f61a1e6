import { CheckFailure, defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- udp-dedup` verifies. The checks run in order against
// one server, so the total carries over from one check to the next.
export default defineExercise({
  lesson: 'udp/loss-and-retries',
  file: 'server.ts',
  protocol: 'udp',
  title: {
    pt: 'O cofrinho que não conta duas vezes',
    en: 'The piggy bank that does not count twice',
  },
  checks: [
    {
      name: { pt: '"a1 10" é somado: "a1: total 10"', en: '"a1 10" is added: "a1: total 10"' },
      run: async (program) => expectText('a1 10', await program.udp('a1 10'), 'a1: total 10'),
    },
    {
      name: {
        pt: '"a1 10" de novo (uma nova tentativa) recebe a mesma resposta, e nada é somado',
        en: '"a1 10" again (a retry) gets the same answer, and nothing is added',
      },
      hint: {
        pt: 'antes de somar, procure o ID em answers (answers.get(id)); se ele estiver lá, envie a resposta guardada e pare (return).',
        en: 'before adding, look the ID up in answers (answers.get(id)); if it is there, send the stored answer and stop (return).',
      },
      run: async (program) => expectText('a1 10', await program.udp('a1 10'), 'a1: total 10'),
    },
    {
      name: {
        pt: 'um ID novo, "b2 5", é somado: "b2: total 15"',
        en: 'a new ID, "b2 5", is added: "b2: total 15"',
      },
      run: async (program) => expectText('b2 5', await program.udp('b2 5'), 'b2: total 15'),
    },
    {
      name: {
        pt: 'uma tentativa atrasada de "a1 10" recebe a resposta de antes, "a1: total 10"',
        en: 'a late retry of "a1 10" gets the answer it had, "a1: total 10"',
      },
      hint: {
        pt: 'guarde a resposta inteira (answers.set(id, answer)), não só o fato de que o ID apareceu: a nova tentativa merece a mesma resposta da primeira.',
        en: 'store the whole answer (answers.set(id, answer)), not just the fact that the ID was seen: the retry deserves the same answer as the first attempt.',
      },
      run: async (program) => expectText('a1 10', await program.udp('a1 10'), 'a1: total 10'),
    },
    {
      name: {
        pt: 'uma requisição malformada recebe "error: …", e o servidor continua funcionando',
        en: 'a malformed request gets "error: …" and the server keeps working',
      },
      run: async (program) => {
        const reply = (await program.udp('oops')).toString('utf8');
        if (!reply.startsWith('error')) {
          throw new CheckFailure({
            pt: `enviado "oops", esperada uma resposta começando com "error", recebido ${JSON.stringify(reply)}`,
            en: `sent "oops", expected an answer starting with "error", got ${JSON.stringify(reply)}`,
          });
        }
        expectText('c3 1', await program.udp('c3 1'), 'c3: total 16');
      },
    },
    {
      name: {
        pt: 'a memória tem limite: depois de 1.000 IDs mais novos, "a1" foi esquecido e conta como novo',
        en: 'the memory is bounded: after 1,000 newer IDs, "a1" is forgotten and counts as new',
      },
      hint: {
        pt: 'depois de answers.set(...), se answers.size passar de REMEMBER, apague a chave mais antiga: answers.keys().next().value.',
        en: 'after answers.set(...), if answers.size goes over REMEMBER, delete the oldest key: answers.keys().next().value.',
      },
      run: async (program) => {
        for (let i = 1; i <= 1000; i++) await program.udp(`n${i} 1`);
        expectText('a1 10', await program.udp('a1 10'), 'a1: total 1026');
      },
    },
  ],
});
