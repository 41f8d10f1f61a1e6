import { CheckFailure, defineLabExercise, type LabWorld } from '../../../src/lib/exercise.ts';

// What `sudo npm run check -- udp-deliver` verifies, in the lab loss: the learner's sender runs on
// the laptop and talks to udp-server.ts on the server (192.168.0.80), whose firewall drops 1 in
// every 3 UDP datagrams to port 12001 (always the same ones: the 1st, 4th, 7th… since the lab was
// built; the first check is the first to send there) and 30 % of those to 12000, at random.

const SERVER = '192.168.0.80';
const WORDS = ['um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez'];

/** Start the echo server on `port`, send `messages` from the laptop; the run and what the server received, in order. */
async function send(lab: LabWorld, port: number, messages: string[], args: string[] = []) {
  const server = await lab.start('server', 'udp-server.ts', [
    '--host',
    '0.0.0.0',
    '--port',
    `${port}`,
  ]);
  const options = ['--host', SERVER, '--port', String(port), ...args];
  const run = await lab.run('laptop', [...options, ...messages], { limitMs: 10_000 });
  // The server's log: `N bytes from ADDRESS:PORT: "TEXT"`, one line per datagram it received.
  const received = [...server.output().matchAll(/ bytes from \S+: (".*")$/gm)].map(
    (m) => JSON.parse(m[1]) as string,
  );
  return { ...run, received };
}

/** Every message reached the server, in order (a datagram sent again may arrive twice). */
function expectInOrder(messages: string[], received: string[]) {
  const expected = messages.map((m, i) => `${i + 1} ${m}`);
  const firsts = received.filter((text, i) => received.indexOf(text) === i);
  if (JSON.stringify(firsts) === JSON.stringify(expected)) return;
  throw new CheckFailure({
    pt: `o servidor esperava receber ${JSON.stringify(expected)}, nessa ordem; recebeu ${JSON.stringify(firsts)}`,
    en: `the server should have received ${JSON.stringify(expected)}, in that order; it received ${JSON.stringify(firsts)}`,
  });
}

/** Exit code 0 and the lines the exercise asks for: one per message, then the count of datagrams. */
function expectReport(run: { code: number; stdout: string; stderr: string }, count: number) {
  const lines = run.stdout.trim().split('\n');
  const attempts = lines.slice(0, -1).map((l, i) => {
    const m = new RegExp(`^message ${i + 1} delivered on attempt (\\d+)$`).exec(l);
    return m ? Number(m[1]) : NaN;
  });
  const total = /^delivered (\d+) messages in (\d+) datagrams$/.exec(lines.at(-1) ?? '');
  const sum = attempts.reduce((a, b) => a + b, 0);
  const ok =
    run.code === 0 &&
    attempts.length === count &&
    !attempts.some(isNaN) &&
    Number(total?.[1]) === count &&
    Number(total?.[2]) === sum;
  if (ok) return;
  const stderr = run.stderr.trim() ? `, stderr ${JSON.stringify(run.stderr.trim())}` : '';
  throw new CheckFailure({
    pt: `esperado código 0, uma linha "message N delivered on attempt A" por mensagem e, no fim, "delivered ${count} messages in D datagrams", D a soma das tentativas; veio código ${run.code}, stdout ${JSON.stringify(run.stdout.trim())}${stderr}`,
    en: `expected exit code 0, one line "message N delivered on attempt A" per message and, last, "delivered ${count} messages in D datagrams", D the sum of the attempts; got exit code ${run.code}, stdout ${JSON.stringify(run.stdout.trim())}${stderr}`,
  });
}

export default defineLabExercise({
  lesson: 'beyond/loss',
  file: 'sender.ts',
  protocol: 'udp',
  lab: 'loss',
  role: 'client',
  title: {
    pt: 'O remetente que entrega tudo, em ordem, numa rede que perde',
    en: 'The sender that delivers everything, in order, over a network that loses',
  },
  checks: [
    {
      name: {
        pt: 'quatro mensagens pela porta 12001, que perde 1 de cada 3 datagramas: todas chegam ao servidor, na ordem',
        en: 'four messages through port 12001, which loses 1 in every 3 datagrams: all of them reach the server, in order',
      },
      hint: {
        pt: 'o primeiro datagrama que chega à porta 12001 se perde: sem o eco dele, envie o mesmo datagrama de novo. Para esperar o eco com prazo, junte um setTimeout e um listener de "message" numa Promise, e espere-a (await) antes de mandar a mensagem seguinte.',
        en: 'the first datagram to reach port 12001 is lost: without its echo, send the same datagram again. To wait for the echo with a deadline, put a setTimeout and a "message" listener in a Promise, and await it before sending the next message.',
      },
      run: async (lab) => {
        const { received } = await send(lab, 12001, WORDS.slice(0, 4));
        expectInOrder(WORDS.slice(0, 4), received);
      },
    },
    {
      name: {
        pt: 'ele diz em que tentativa cada mensagem foi entregue e quantos datagramas enviou ao todo',
        en: 'it says on which attempt each message was delivered, and how many datagrams it sent in all',
      },
      hint: {
        pt: 'some 1 em sent a cada socket.send, também nos reenvios: é o D de "delivered K messages in D datagrams".',
        en: 'add 1 to sent on every socket.send, the ones sent again too: that is the D of "delivered K messages in D datagrams".',
      },
      run: async (lab) => expectReport(await send(lab, 12001, WORDS.slice(0, 4)), 4),
    },
    {
      name: {
        pt: 'dez mensagens pela porta 12000, que perde 30 % ao acaso, com --retries 8: todas chegam, na ordem',
        en: 'ten messages through port 12000, which loses 30 % at random, with --retries 8: all of them arrive, in order',
      },
      run: async (lab) => {
        const run = await send(lab, 12000, WORDS, ['--retries', '8']);
        expectInOrder(WORDS, run.received);
        expectReport(run, WORDS.length);
      },
    },
    {
      name: {
        pt: 'ninguém ecoa (192.168.0.99 não existe), com --timeout 150 --retries 3: desiste depois de 150 + 300 + 600 + 1.200 ms, com uma linha no stderr e código 1',
        en: 'nobody echoes (192.168.0.99 does not exist), with --timeout 150 --retries 3: it gives up after 150 + 300 + 600 + 1,200 ms, with one line on stderr and exit code 1',
      },
      hint: {
        pt: 'a espera dobra a cada tentativa: timeout * 2 ** (tentativa - 1). Depois da última, lance um Error: o fim do arquivo o transforma numa linha no stderr e no código 1.',
        en: 'the wait doubles with every attempt: timeout * 2 ** (attempt - 1). After the last one, throw an Error: the end of the file turns it into one line on stderr and exit code 1.',
      },
      run: async (lab) => {
        const args = ['--host', '192.168.0.99', '--timeout', '150', '--retries', '3', 'um'];
        const { code, stdout, stderr, ms } = await lab.run('laptop', args, { limitMs: 6000 });
        const lines = stderr.trim().split('\n').filter(Boolean);
        if (code === 1 && lines.length === 1 && ms >= 2250) return;
        throw new CheckFailure({
          pt: `esperado código 1 e uma linha no stderr depois de 2,25 s ao menos; veio código ${code} em ${ms} ms, stdout ${JSON.stringify(stdout.trim())}, stderr ${JSON.stringify(stderr.trim())}`,
          en: `expected exit code 1 and one line on stderr after 2.25 s at least; got exit code ${code} after ${ms} ms, stdout ${JSON.stringify(stdout.trim())}, stderr ${JSON.stringify(stderr.trim())}`,
        });
      },
    },
  ],
});
