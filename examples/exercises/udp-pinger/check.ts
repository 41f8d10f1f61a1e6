import {
  SLACK,
  defineClientExercise,
  fail,
  outcome,
  ranWith,
  show,
  type Datagram,
  type LearnerClient,
  type Ran,
  type Text,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- udp-pinger` verifies. Each check starts an echo server of its own that
// loses and delays what the check decides, by sequence number: which ping is lost, and how long a
// reply waits, come from the run's seed, so a failed run can be repeated (--seed N).
const TIMEOUT = 500; // the --timeout each run gets (times CHECK_SLACK: a busy machine delays replies)
const MARGIN = 500; // what a run may take beyond its pings' timeouts
const ROUNDING = 1; // ms: the program may print its RTTs rounded

type Plan = (seq: number, datagram: Datagram) => void;

/**
 * A UDP server that does `plan` with each ping (by its number), and the program run against it
 * with --count `count`; `lost` pings wait for their whole timeout, and the server holds the
 * replies `heldMs` in all.
 */
async function pings(
  learner: LearnerClient,
  count: number,
  lost: number,
  plan: Plan,
  scene?: Text,
  heldMs = 0,
) {
  const server = await learner.serveUdp((d) => plan(seqOf(d), d));
  const args = ['--host', '127.0.0.1', '--port', String(server.port), '--count', String(count)];
  args.push('--timeout', String(TIMEOUT * SLACK));
  const ran = await learner.run(args, { limitMs: lost * TIMEOUT + heldMs + MARGIN, scene });
  return { ran, datagrams: server.datagrams, did: ranWith(ran.args, scene) };
}

/** The number at the end of a ping ("ping 3": 3). */
const seqOf = (d: Datagram) => Number(/(\d+)\s*$/.exec(d.data.toString('utf8'))?.[1]);

/** The summary's numbers, from the program's output: "4 sent, 3 received, 25% loss" and "rtt min/avg/max = …". */
function summary(ran: Ran) {
  const counts = /^(\d+) sent, (\d+) received, ([\d.]+)% loss\s*$/m.exec(ran.stdout);
  const rtt = /^rtt min\/avg\/max = ([\d.]+)\/([\d.]+)\/([\d.]+) ms\s*$/m.exec(ran.stdout);
  return {
    counts: counts && { sent: +counts[1], received: +counts[2], loss: +counts[3] },
    rtt: rtt && { min: +rtt[1], avg: +rtt[2], max: +rtt[3] },
  };
}

/** Fail unless the summary says `sent` sent and `received` received (and the loss that makes), and exit code 0. */
function expectCounts(ran: Ran, did: Text, sent: number, received: number) {
  const { counts, rtt } = summary(ran);
  const loss = (100 * (sent - received)) / sent;
  const line = `${sent} sent, ${received} received, ${Math.round(loss)}% loss`;
  const right =
    counts?.sent === sent && counts.received === received && Math.abs(counts.loss - loss) < 1;
  if (!right || ran.code !== 0 || !rtt)
    fail(
      did,
      {
        pt: `código de saída 0, a linha "${line}" e a linha "rtt min/avg/max = …"`,
        en: `exit code 0, the line "${line}" and the line "rtt min/avg/max = …"`,
      },
      outcome(ran),
    );
  return rtt;
}

const ms = (n: number) => n.toFixed(1);

/** What the server received, as a message says it. */
function received(datagrams: Datagram[]): Text {
  const texts = show(datagrams.map((d) => d.data.toString('utf8')).join(', '));
  return datagrams.length
    ? { pt: `os datagramas ${texts}`, en: `the datagrams ${texts}` }
    : { pt: 'nenhum datagrama', en: 'no datagram' };
}

export default defineClientExercise({
  lesson: 'udp/loss-and-retries',
  file: 'client.ts',
  protocol: 'udp',
  title: { pt: 'Um ping sobre UDP', en: 'A ping over UDP' },
  checks: [
    {
      name: {
        pt: 'envia "ping 1" até "ping 4", um de cada vez, e resume: "4 sent, 4 received, 0% loss"',
        en: 'sends "ping 1" to "ping 4", one at a time, and sums up: "4 sent, 4 received, 0% loss"',
      },
      hint: {
        pt: "envie `ping ${seq}` com socket.send(texto, port, host) e mande o próximo só quando a resposta chegar (no evento 'message'). Depois do último, escreva as duas linhas do resumo.",
        en: "send `ping ${seq}` with socket.send(text, port, host), and send the next one only once the reply has come (in the 'message' event). After the last one, print the two summary lines.",
      },
      run: async (learner) => {
        const { ran, datagrams, did } = await pings(learner, 4, 0, (_, d) => d.reply(d.data));
        const sent = datagrams.map((d) => d.data.toString('utf8'));
        const expected = ['ping 1', 'ping 2', 'ping 3', 'ping 4'];
        if (sent.join('\n') !== expected.join('\n'))
          fail(
            did,
            {
              pt: `os datagramas ${show(expected.join(', '))}`,
              en: `the datagrams ${show(expected.join(', '))}`,
            },
            received(datagrams),
          );
        expectCounts(ran, did, 4, 4);
      },
    },
    {
      name: {
        pt: `um ping sem resposta é abandonado depois de --timeout ms, e o próximo segue`,
        en: `a ping with no reply is given up after --timeout ms, and the next one follows`,
      },
      hint: {
        pt: 'o UDP não avisa quando um datagrama se perde: depois de cada send, arme um setTimeout(…, timeout) que desiste daquele ping e manda o próximo; cancele-o (clearTimeout) quando a resposta chegar.',
        en: 'UDP does not tell you when a datagram is lost: after each send, set a setTimeout(…, timeout) that gives that ping up and sends the next; cancel it (clearTimeout) when the reply comes.',
      },
      run: async (learner) => {
        const dropped = 1 + Math.floor(learner.random() * 2); // ping 1 or 2
        const scene = {
          pt: `o servidor descarta o ping ${dropped}`,
          en: `the server drops ping ${dropped}`,
        };
        const { datagrams, did } = await pings(
          learner,
          3,
          1,
          (seq, d) => seq !== dropped && d.reply(d.data),
          scene,
        );
        const lost = datagrams.find((d) => seqOf(d) === dropped);
        const after = datagrams.find((d) => seqOf(d) === dropped + 1);
        const timeout = TIMEOUT * SLACK;
        if (!lost || !after)
          fail(
            did,
            {
              pt: `o ping ${dropped + 1} depois do ping ${dropped}`,
              en: `ping ${dropped + 1} after ping ${dropped}`,
            },
            received(datagrams),
          );
        const waited = after.at - lost.at;
        if (waited < timeout / 2)
          fail(
            did,
            {
              pt: `o ping ${dropped + 1} ao menos ${timeout} ms depois do ping ${dropped}`,
              en: `ping ${dropped + 1} at least ${timeout} ms after ping ${dropped}`,
            },
            {
              pt: `o ping ${dropped + 1} ${ms(waited)} ms depois: a espera foi curta demais`,
              en: `ping ${dropped + 1} ${ms(waited)} ms later: the wait was too short`,
            },
          );
      },
    },
    {
      name: {
        pt: 'um ping perdido conta como perdido: "2 sent, 1 received, 50% loss", e a média é a da resposta que veio',
        en: 'a lost ping counts as lost: "2 sent, 1 received, 50% loss", and the average is that of the one reply',
      },
      hint: {
        pt: 'guarde um RTT só quando uma resposta chega, nunca quando o tempo acaba; received é quantos RTTs você guardou, e a média divide pela quantidade de respostas, não de pings.',
        en: 'keep an RTT only when a reply comes, never when time runs out; received is how many RTTs you kept, and the average divides by the number of replies, not of pings.',
      },
      run: async (learner) => {
        const dropped = 1 + Math.floor(learner.random() * 2);
        const scene = {
          pt: `o servidor descarta o ping ${dropped} e responde ao outro depois de 40 ms`,
          en: `the server drops ping ${dropped} and answers the other after 40 ms`,
        };
        const { ran, did } = await pings(
          learner,
          2,
          1,
          (seq, d) => seq !== dropped && d.reply(d.data, 40),
          scene,
          40,
        );
        const rtt = expectCounts(ran, did, 2, 1);
        // One reply: its RTT is the minimum, the average and the maximum alike.
        if (Math.max(rtt.min, rtt.avg, rtt.max) - Math.min(rtt.min, rtt.avg, rtt.max) > ROUNDING)
          fail(
            did,
            {
              pt: 'min = avg = max na linha "rtt min/avg/max": o RTT da única resposta',
              en: 'min = avg = max on the line "rtt min/avg/max": the RTT of the only reply',
            },
            outcome(ran),
          );
      },
    },
    {
      name: {
        pt: 'a resposta atrasada de um ping já perdido não conta como resposta do ping seguinte',
        en: "a late reply to a ping already given up does not count as the next ping's reply",
      },
      hint: {
        pt: 'cada resposta traz o texto do ping: aceite só a que for igual a `ping ${seq}`, o ping que você está esperando, e ignore as outras.',
        en: "each reply carries its ping's text: accept only one equal to `ping ${seq}`, the ping you are waiting for, and ignore the others.",
      },
      run: async (learner) => {
        const late = 1 + Math.floor(learner.random() * 2); // ping 1 or 2: its reply comes late
        const scene = {
          pt: `o servidor responde ao ping ${late} só quando chega o ping ${late + 1}, que ele descarta`,
          en: `the server answers ping ${late} only when ping ${late + 1} comes, which it drops`,
        };
        let held: Datagram | undefined;
        const { ran, did } = await pings(
          learner,
          4,
          2,
          (seq, d) => {
            if (seq === late) held = d;
            else if (seq === late + 1) held?.reply(held.data);
            else d.reply(d.data);
          },
          scene,
        );
        expectCounts(ran, did, 4, 2);
      },
    },
    {
      name: {
        pt: 'min/avg/max são os tempos de ida e volta de cada ping, em ms',
        en: "min/avg/max are each ping's round-trip times, in ms",
      },
      hint: {
        pt: 'marque performance.now() logo antes de cada send e subtraia da hora em que a resposta daquele ping chega: o RTT já sai em ms. Marque de novo a cada ping, não uma vez só no começo.',
        en: "take performance.now() right before each send and subtract it from the time that ping's reply comes: the RTT is already in ms. Take it again for every ping, not once at the start.",
      },
      run: async (learner) => {
        const delays = [1, 2, 3, 4, 5].map(() => 20 + Math.floor(learner.random() * 100));
        const scene = {
          pt: `o servidor responde aos pings depois de ${delays.join(', ')} ms`,
          en: `the server answers the pings after ${delays.join(', ')} ms`,
        };
        const { ran, datagrams, did } = await pings(
          learner,
          5,
          0,
          (seq, d) => d.reply(d.data, delays[seq - 1] ?? 0),
          scene,
          delays.reduce((a, b) => a + b),
        );
        const rtt = expectCounts(ran, did, 5, 5);
        // What each RTT can be, from the server's clock: at least as long as the server held the
        // reply; at most from the server's previous reply (before which the ping cannot have left)
        // to the next ping's arrival (or the program's end), which the program sends only after.
        const low: number[] = [];
        const high: number[] = [];
        datagrams.forEach((d, i) => {
          low.push((d.replied[0] ?? Infinity) - d.at);
          high.push(
            (datagrams[i + 1]?.at ?? ran.endedAt) - (datagrams[i - 1]?.replied[0] ?? ran.startedAt),
          );
        });
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const within = (x: number, a: number, b: number) => x >= a - ROUNDING && x <= b + ROUNDING;
        const bounds = {
          min: [Math.min(...low), Math.min(...high)],
          avg: [mean(low), mean(high)],
          max: [Math.max(...low), Math.max(...high)],
        } as const;
        const wrong = (['min', 'avg', 'max'] as const).filter((k) => !within(rtt[k], ...bounds[k]));
        if (wrong.length)
          fail(
            did,
            {
              pt: wrong
                .map((k) => `${k} entre ${ms(bounds[k][0])} e ${ms(bounds[k][1])} ms`)
                .join(', '),
              en: wrong
                .map((k) => `${k} between ${ms(bounds[k][0])} and ${ms(bounds[k][1])} ms`)
                .join(', '),
            },
            outcome(ran),
          );
      },
    },
    {
      name: {
        pt: 'sem nenhuma resposta: "100% loss", nenhuma linha rtt, uma linha no stderr e código de saída 1',
        en: 'with no reply at all: "100% loss", no rtt line, one line on stderr and exit code 1',
      },
      hint: {
        pt: 'com zero respostas não há mínimo nem média (Math.min() de nada é Infinity): diga numa linha, com console.error, que ninguém respondeu, e saia com process.exitCode = 1.',
        en: 'with zero replies there is no minimum and no average (Math.min() of nothing is Infinity): say in one line, with console.error, that nobody answered, and exit with process.exitCode = 1.',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor descarta todos os pings',
          en: 'the server drops every ping',
        };
        const { ran, did } = await pings(learner, 2, 2, () => {}, scene);
        const { counts, rtt } = summary(ran);
        const oneLine = ran.stderr.trim() !== '' && !ran.stderr.trim().includes('\n');
        if (
          ran.code !== 1 ||
          !oneLine ||
          rtt ||
          counts?.loss !== 100 ||
          /NaN|Infinity/.test(ran.stdout)
        )
          fail(
            did,
            {
              pt: 'código de saída 1, a linha "2 sent, 0 received, 100% loss", nenhuma linha rtt e uma linha no stderr',
              en: 'exit code 1, the line "2 sent, 0 received, 100% loss", no rtt line and one line on stderr',
            },
            outcome(ran),
          );
      },
    },
  ],
});
