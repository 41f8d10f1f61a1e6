import { CheckFailure, defineExercise, expectText } from '../../../src/lib/exercise.ts';

// What `npm run check -- tcp-concurrent` verifies. Each request is a port number, then FIN;
// one lookup takes 1 s (at least 0.95 s, or the lookup was cut short). Served one after the
// other, two clients have their last answer 2 s after the start at the earliest (1.9 s); served
// together, both answers come after 1 s. So both answers before 1.8 s prove that the server
// served them together. A busy machine can only make the checker see them later, never
// earlier: a late attempt is tried again, three times in all, before the check fails.
const LOOKUP_MS = 1000;
const LIMIT_MS = 1.8 * LOOKUP_MS;
const ATTEMPTS = 3;

export default defineExercise({
  lesson: 'tcp/one-thread',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'Dois clientes ao mesmo tempo', en: 'Two clients at once' },
  checks: [
    {
      name: { pt: '"443" recebe "443: https"', en: '"443" gets "443: https"' },
      run: async (program) =>
        expectText('443', await program.tcp('443', { timeoutMs: 3 * LOOKUP_MS }), '443: https\n'),
    },
    {
      name: { pt: '"12000" recebe "12000: unknown"', en: '"12000" gets "12000: unknown"' },
      run: async (program) =>
        expectText(
          '12000',
          await program.tcp('12000', { timeoutMs: 3 * LOOKUP_MS }),
          '12000: unknown\n',
        ),
    },
    {
      name: {
        pt: 'dois clientes ao mesmo tempo ("22" e "80"): cada consulta leva 1 s, e as duas respostas chegam antes de 1,8 s (uma depois da outra, levariam 2 s)',
        en: 'two clients at once ("22" and "80"): each lookup takes 1 s, and both answers arrive before 1.8 s (one after the other, they would take 2 s)',
      },
      hint: {
        pt: 'o laço de lookup() prende a única thread que roda os callbacks: enquanto ele gira, o servidor nem lê o pedido do segundo cliente. Deixe um timer esperar, setTimeout(() => …, LOOKUP_MS), e responda dentro do callback dele.',
        en: "the loop in lookup() holds the only thread that runs callbacks: while it turns, the server cannot even read the second client's request. Let a timer wait, setTimeout(() => …, LOOKUP_MS), and answer inside its callback.",
      },
      run: async (program) => {
        for (let attempt = 1; ; attempt++) {
          const started = Date.now();
          const timed = async (port: string) => {
            const answer = await program.tcp(port, { timeoutMs: 4 * LOOKUP_MS });
            return { port, answer, ms: Date.now() - started };
          };
          const answers = await Promise.all([timed('22'), timed('80')]);
          expectText('22', answers[0].answer, '22: ssh\n');
          expectText('80', answers[1].answer, '80: http\n');
          const ms = answers.map((a) => a.ms);
          const times = answers.map((a) => `"${a.port}" ${(a.ms / 1000).toFixed(1)} s`).join(', ');
          if (Math.min(...ms) < 0.95 * LOOKUP_MS) {
            throw new CheckFailure({
              pt: `as respostas chegaram depois de ${times.replaceAll('.', ',')}: a consulta deve continuar levando LOOKUP_MS`,
              en: `the answers arrived after ${times}: the lookup must still take LOOKUP_MS`,
            });
          }
          if (Math.max(...ms) < LIMIT_MS) return;
          if (attempt === ATTEMPTS) {
            throw new CheckFailure({
              pt: `as respostas chegaram depois de ${times.replaceAll('.', ',')}: uma esperou pela outra`,
              en: `the answers arrived after ${times}: one waited for the other`,
            });
          }
        }
      },
    },
  ],
});
