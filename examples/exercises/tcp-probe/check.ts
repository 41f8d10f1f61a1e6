import { CheckFailure, defineLabExercise, type LabWorld } from '../../../src/lib/exercise.ts';

// What `sudo npm run check -- tcp-probe` verifies, in the lab firewall: the learner's client runs
// on the laptop and probes the server (198.51.100.80), where tcp-server.ts listens on 12000 and a
// firewall drops 12001 and rejects 12002 (RST), 12003 (ICMP port unreachable) and 12004 (ICMP
// host prohibited).

const SERVER = '198.51.100.80';

/** Probe one port of the server from the laptop: the run, and what it printed, both streams. */
async function probe(lab: LabWorld, port: number, timeout: number, limitMs: number) {
  await lab.start('server', 'tcp-server.ts', ['--host', '0.0.0.0']);
  const args = ['--host', SERVER, '--port', String(port), '--timeout', String(timeout)];
  const run = await lab.run('laptop', args, { limitMs });
  return { ...run, printed: `${run.stdout}${run.stderr}`.trim() };
}

/** One line "WORD: …", on stdout for "open" (exit code 0), else on stderr (exit code 1). */
function verdictIs(
  word: string,
  { code, stdout, stderr }: { code: number; stdout: string; stderr: string },
) {
  const [line, other] = word === 'open' ? [stdout, stderr] : [stderr, stdout];
  const ok = line.trim().startsWith(`${word}: `) && !line.trim().includes('\n') && !other.trim();
  return ok && code === (word === 'open' ? 0 : 1);
}

async function expectVerdict(lab: LabWorld, port: number, word: string) {
  const run = await probe(lab, port, 2000, 5000);
  if (verdictIs(word, run)) return;
  const [stream, code] = word === 'open' ? ['stdout', 0] : ['stderr', 1];
  throw new CheckFailure({
    pt: `para ${SERVER}:${port}, esperada uma linha "${word}: …" no ${stream} e código ${code}; veio código ${run.code} e ${JSON.stringify(run.printed)}`,
    en: `for ${SERVER}:${port}, expected one line "${word}: …" on ${stream} and exit code ${code}; got exit code ${run.code} and ${JSON.stringify(run.printed)}`,
  });
}

export default defineLabExercise({
  lesson: 'beyond/firewalls',
  file: 'probe.ts',
  protocol: 'tcp',
  lab: 'firewall',
  role: 'client',
  title: {
    pt: 'O cliente que diz o que há no caminho',
    en: 'The client that says what stands in the way',
  },
  checks: [
    {
      name: {
        pt: 'uma porta aberta (12000): "open: …" no stdout, código 0',
        en: 'an open port (12000): "open: …" on stdout, exit code 0',
      },
      run: (lab) => expectVerdict(lab, 12000, 'open'),
    },
    {
      name: {
        pt: 'um firewall que responde com RST (12002): "refused: …" no stderr, código 1',
        en: 'a firewall that answers with a RST (12002): "refused: …" on stderr, exit code 1',
      },
      hint: {
        pt: 'um connect recusado é um evento "error" do socket, com err.code "ECONNREFUSED": escute esse evento e chame fail().',
        en: 'a refused connect is an "error" event on the socket, with err.code "ECONNREFUSED": listen for it and call fail().',
      },
      run: (lab) => expectVerdict(lab, 12002, 'refused'),
    },
    {
      name: {
        pt: 'um firewall que responde com ICMP port unreachable (12003): "refused: …" também',
        en: 'a firewall that answers with ICMP port unreachable (12003): "refused: …" too',
      },
      run: (lab) => expectVerdict(lab, 12003, 'refused'),
    },
    {
      name: {
        pt: 'um firewall que responde com ICMP host prohibited (12004): "unreachable: …", código 1',
        en: 'a firewall that answers with ICMP host prohibited (12004): "unreachable: …", exit code 1',
      },
      hint: {
        pt: 'o kernel traduz esse ICMP em EHOSTUNREACH, outro err.code no mesmo evento "error".',
        en: 'the kernel turns that ICMP into EHOSTUNREACH, another err.code on the same "error" event.',
      },
      run: (lab) => expectVerdict(lab, 12004, 'unreachable'),
    },
    {
      name: {
        pt: 'um firewall que descarta (12001), com --timeout 1500: "silent: …" depois de 1,5 s, não antes',
        en: 'a firewall that drops (12001), with --timeout 1500: "silent: …" after 1.5 s, not before',
      },
      hint: {
        pt: 'um drop não responde nada, e o kernel reenviaria o SYN por 127 s: dê ao socket um prazo seu (socket.setTimeout(timeout, …)) e, quando ele vencer, chame fail("silent", …).',
        en: 'a drop answers nothing, and the kernel would resend the SYN for 127 s: give the socket a deadline of your own (socket.setTimeout(timeout, …)) and, when it is up, call fail("silent", …).',
      },
      run: async (lab) => {
        // (A program still waiting 1.5 s after its deadline is stopped.)
        const run = await probe(lab, 12001, 1500, 3000);
        const { code, printed, ms } = run;
        if (verdictIs('silent', run) && ms >= 1500) return;
        throw new CheckFailure(
          ms >= 3000
            ? {
                pt: 'o programa ainda esperava 1,5 s depois do --timeout: o prazo não foi aplicado ao connect',
                en: 'the program was still waiting 1.5 s after its --timeout: the deadline did not apply to the connect',
              }
            : {
                pt: `esperada uma linha "silent: …" no stderr e código 1 depois de 1,5 s; veio código ${code} e ${JSON.stringify(printed)} em ${ms} ms`,
                en: `expected one line "silent: …" on stderr and exit code 1 after 1.5 s; got exit code ${code} and ${JSON.stringify(printed)} in ${ms} ms`,
              },
        );
      },
    },
  ],
});
