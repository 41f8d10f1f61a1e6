import { CheckFailure, defineLabExercise, type LabWorld } from '../../../src/lib/exercise.ts';

// What `sudo npm run check -- nat-address` verifies, in the lab nat: the learner's client runs on
// the laptop (192.168.0.10, behind the router's NAT) and asks whoami-server.ts on the server
// (203.0.113.80), which sees the router's 203.0.113.1 and the port its masquerade picked; or it
// runs on the server and asks one on the router, with no NAT between them.

const LINE = /^(\S+):(\d+) is seen as (\S+):(\d+): (behind a NAT|no NAT)$/;

/** Start the "who am I?" server on `at`, run the client on `from` against `address`. */
async function ask(lab: LabWorld, at: string, address: string, from: string) {
  const whoami = await lab.start(at, 'whoami-server.ts', ['--host', '0.0.0.0']);
  const run = await lab.run(from, ['--host', address, '--port', '12000'], { limitMs: 3000 });
  const line = run.stdout.trim();
  const m = run.code === 0 ? LINE.exec(line) : null;
  if (!m)
    throw new CheckFailure({
      pt: `esperada uma linha "ENDEREÇO:PORTA is seen as ENDEREÇO:PORTA: behind a NAT" (ou "no NAT") e código 0; veio código ${run.code}, stdout ${JSON.stringify(line)}${run.stderr.trim() ? `, stderr ${JSON.stringify(run.stderr.trim())}` : ''}`,
      en: `expected a line "ADDRESS:PORT is seen as ADDRESS:PORT: behind a NAT" (or "no NAT") and exit code 0; got exit code ${run.code}, stdout ${JSON.stringify(line)}${run.stderr.trim() ? `, stderr ${JSON.stringify(run.stderr.trim())}` : ''}`,
    });
  // What the server really saw: its log says "a datagram from ADDRESS:PORT".
  const saw = /a datagram from (\S+)/.exec(whoami.output())?.[1];
  const [, localAddress, localPort, seenAddress, seenPort, verdict] = m;
  return {
    local: `${localAddress}:${localPort}`,
    seen: `${seenAddress}:${seenPort}`,
    saw,
    verdict,
  };
}

/** A run that must end within its deadline, with one line on stderr and exit code 1. */
async function expectGivingUp(lab: LabWorld, args: string[], limitMs: number, minMs = 0) {
  const { code, stdout, stderr, ms } = await lab.run('laptop', args, { limitMs });
  const lines = stderr.trim().split('\n').filter(Boolean);
  if (ms < minMs)
    throw new CheckFailure({
      pt: `o programa desistiu em ${ms} ms, antes do --timeout de ${minMs} ms`,
      en: `the program gave up after ${ms} ms, before its --timeout of ${minMs} ms`,
    });
  if (code === 1 && lines.length === 1 && !stdout.trim()) return;
  throw new CheckFailure(
    ms >= limitMs
      ? {
          pt: `o programa ainda esperava depois de ${limitMs / 1000} s: a resposta de um datagrama perdido nunca vem, e só um prazo seu (setTimeout) encerra a espera`,
          en: `the program was still waiting after ${limitMs / 1000} s: the answer to a lost datagram never comes, and only a deadline of your own (setTimeout) ends the wait`,
        }
      : {
          pt: `esperada uma linha no stderr e código 1; veio código ${code}, stdout ${JSON.stringify(stdout.trim())}, stderr ${JSON.stringify(stderr.trim())}`,
          en: `expected one line on stderr and exit code 1; got exit code ${code}, stdout ${JSON.stringify(stdout.trim())}, stderr ${JSON.stringify(stderr.trim())}`,
        },
  );
}

export default defineLabExercise({
  lesson: 'beyond/nat',
  file: 'client.ts',
  protocol: 'udp',
  lab: 'nat',
  role: 'client',
  title: {
    pt: 'O cliente que descobre como a internet o vê',
    en: 'The client that finds out how the internet sees it',
  },
  checks: [
    {
      name: {
        pt: 'no notebook, atrás do roteador: "… is seen as 203.0.113.1:PORTA: behind a NAT", o endereço e a porta que o servidor viu',
        en: 'on the laptop, behind the router: "… is seen as 203.0.113.1:PORT: behind a NAT", the address and port the server saw',
      },
      hint: {
        pt: 'a resposta é "you are ENDEREÇO:PORTA": tire o "you are " e compare o resto com o seu ENDEREÇO:PORTA local; se diferem, "behind a NAT".',
        en: 'the answer is "you are ADDRESS:PORT": take "you are " off and compare the rest with your local ADDRESS:PORT; if they differ, "behind a NAT".',
      },
      run: async (lab) => {
        const { seen, saw, verdict } = await ask(lab, 'server', '203.0.113.80', 'laptop');
        if (seen === saw && seen.startsWith('203.0.113.1:') && verdict === 'behind a NAT') return;
        throw new CheckFailure({
          pt: `o servidor viu ${saw ?? 'nada'}; o programa diz "is seen as ${seen}: ${verdict}"`,
          en: `the server saw ${saw ?? 'nothing'}; the program says "is seen as ${seen}: ${verdict}"`,
        });
      },
    },
    {
      name: {
        pt: 'o lado local é o endereço de verdade do notebook, 192.168.0.10, e não 0.0.0.0',
        en: "the local side is the laptop's real address, 192.168.0.10, not 0.0.0.0",
      },
      hint: {
        pt: 'um socket UDP sem connect() não tem endereço local escolhido: address() diz 0.0.0.0. Chame socket.connect(port, host, …) e leia socket.address() no callback; depois, socket.send(mensagem) sem endereço.',
        en: 'a UDP socket without connect() has no local address chosen yet: address() says 0.0.0.0. Call socket.connect(port, host, …) and read socket.address() in its callback; then socket.send(message) without an address.',
      },
      run: async (lab) => {
        const { local } = await ask(lab, 'server', '203.0.113.80', 'laptop');
        if (local.startsWith('192.168.0.10:')) return;
        throw new CheckFailure({
          pt: `o lado local diz ${local}`,
          en: `the local side says ${local}`,
        });
      },
    },
    {
      name: {
        pt: 'no servidor, perguntando ao roteador (nenhum NAT no caminho): "203.0.113.80:PORTA is seen as 203.0.113.80:PORTA: no NAT"',
        en: 'on the server, asking the router (no NAT on the way): "203.0.113.80:PORT is seen as 203.0.113.80:PORT: no NAT"',
      },
      run: async (lab) => {
        const { local, seen, saw, verdict } = await ask(lab, 'router', '203.0.113.1', 'server');
        if (local === seen && seen === saw && verdict === 'no NAT') return;
        throw new CheckFailure({
          pt: `o roteador viu ${saw ?? 'nada'}; o programa diz "${local} is seen as ${seen}: ${verdict}"`,
          en: `the router saw ${saw ?? 'nothing'}; the program says "${local} is seen as ${seen}: ${verdict}"`,
        });
      },
    },
    {
      name: {
        pt: 'ninguém responde (um endereço onde não há máquina), com --timeout 1000: uma linha no stderr e código 1, depois de 1 s',
        en: 'nobody answers (an address with no machine), with --timeout 1000: one line on stderr and exit code 1, after 1 s',
      },
      hint: {
        pt: 'depois do send, arme um setTimeout(…, timeout) que escreve uma linha no stderr e sai com código 1; cancele-o (clearTimeout) quando a resposta chegar.',
        en: 'after the send, set a setTimeout(…, timeout) that writes one line on stderr and exits with code 1; cancel it (clearTimeout) when the answer comes.',
      },
      run: (lab) =>
        expectGivingUp(
          lab,
          ['--host', '203.0.113.99', '--port', '12000', '--timeout', '1000'],
          2500,
          1000,
        ),
    },
    {
      name: {
        pt: 'nenhum servidor na porta (o kernel do servidor responde com um ICMP port unreachable): uma linha no stderr e código 1',
        en: "no server on the port (the server's kernel answers with an ICMP port unreachable): one line on stderr and exit code 1",
      },
      hint: {
        pt: 'só um socket conectado fica sabendo do ICMP: ele chega como um evento "error" (ECONNREFUSED); sem listener, o fim do arquivo o transforma numa linha e no código 1.',
        en: 'only a connected socket hears of the ICMP: it comes as an "error" event (ECONNREFUSED); with no listener, the end of the file turns it into one line and exit code 1.',
      },
      run: (lab) => expectGivingUp(lab, ['--host', '203.0.113.80', '--port', '12001'], 2500),
    },
  ],
});
