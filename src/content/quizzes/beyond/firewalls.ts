import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    corrects: 'a dropped packet never reached the machine',
    question: {
      pt: 'Na sessão do `drop`, quantos SYNs o `tcpdump` do servidor viu chegar, antes de o cliente desistir?',
      en: "In the `drop` session, how many SYNs did the server's `tcpdump` see arrive before the client gave up?",
    },
    answer: 2,
    explanation: {
      pt: 'Dois: o primeiro e a retransmissão, um segundo depois. Os SYNs chegam à interface do servidor; quem os joga fora é o firewall, logo depois, antes do TCP do kernel. O servidor, que estava escutando, nunca soube de nada.',
      en: "Two: the first and its retransmission, a second later. The SYNs reach the server's interface; what throws them away is the firewall, right after, before the kernel's TCP. The server, which was listening, never knew a thing.",
    },
    tiedTo: { session: 'firewall-drop', terminal: 'capture-server', count: /Flags \[S\]/g },
  },
  {
    kind: 'choice',
    question: {
      pt: 'A porta 12004 rejeita com `reject with icmp type host-prohibited`. O que o cliente TCP do curso recebe?',
      en: 'Port 12004 rejects with `reject with icmp type host-prohibited`. What does the course’s TCP client get?',
    },
    options: [
      {
        pt: '`ECONNREFUSED`, como numa porta fechada.',
        en: '`ECONNREFUSED`, as from a closed port.',
      },
      {
        pt: '`EHOSTUNREACH`, na hora: o ICMP diz que a máquina não pode ser alcançada.',
        en: '`EHOSTUNREACH`, at once: the ICMP says the host cannot be reached.',
      },
      {
        pt: 'Nada até o prazo acabar, como no `drop`.',
        en: 'Nothing until its deadline runs out, as with `drop`.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O kernel do cliente transforma o ICMP "host prohibited" em `EHOSTUNREACH`. Um RST ou um ICMP "port unreachable" viram `ECONNREFUSED`; só o `drop` deixa o cliente esperando.',
      en: 'The client’s kernel turns the ICMP "host prohibited" into `EHOSTUNREACH`. A RST or an ICMP "port unreachable" become `ECONNREFUSED`; only `drop` leaves the client waiting.',
    },
    tiedTo: {
      session: 'firewall-reject',
      terminal: 'client',
      match: /^connect (\w+) 198\.51\.100\.80:12004$/m,
    },
  },
  {
    kind: 'choice',
    corrects: 'a UDP send that succeeds was delivered',
    question: {
      pt: 'O cliente UDP do curso manda `oi` para a porta 12001, onde o firewall faz `drop`. O que ele diz logo depois do envio?',
      en: "The course's UDP client sends `oi` to port 12001, where the firewall drops. What does it say right after sending?",
    },
    options: [
      {
        pt: 'Um erro no envio: o datagrama não foi entregue.',
        en: 'An error on send: the datagram was not delivered.',
      },
      {
        pt: '`sent 2 bytes`: o envio só entrega o datagrama ao kernel.',
        en: '`sent 2 bytes`: a send only hands the datagram to the kernel.',
      },
      {
        pt: '`ECONNREFUSED`, assim que o firewall descarta.',
        en: '`ECONNREFUSED`, as soon as the firewall drops it.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Um `send()` de UDP dá certo quando o kernel aceita o datagrama e o põe na rede; ninguém espera resposta nenhuma. Só o prazo do cliente diz que nada voltou. Mesmo numa porta que rejeita, o cliente sem `--connect` nunca fica sabendo do ICMP.',
      en: 'A UDP `send()` succeeds when the kernel takes the datagram and puts it on the network; nobody waits for any answer. Only the client’s deadline says that nothing came back. Even on a port that rejects, the client without `--connect` never hears of the ICMP.',
    },
    tiedTo: {
      session: 'firewall-udp',
      terminal: 'client',
      match: /--port 12001 --timeout 500 oi\n(sent 2 bytes) /,
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'Do lado do cliente, como distinguir um firewall que faz `drop` de um cabo cortado?',
      en: "From the client's side, how can you tell a firewall that drops from a cut cable?",
    },
    options: [
      {
        pt: 'Pelo erro: o `drop` dá `ECONNREFUSED`.',
        en: 'By the error: `drop` gives `ECONNREFUSED`.',
      },
      {
        pt: 'Pelo tempo: o `drop` responde mais rápido.',
        en: 'By the time: `drop` answers faster.',
      },
      {
        pt: 'Não dá: nos dois casos nada volta, e só o prazo do cliente encerra a espera.',
        en: "You can't: in both cases nothing comes back, and only the client's deadline ends the wait.",
      },
    ],
    answer: 2,
    explanation: {
      pt: 'O `drop` não responde nada, de propósito. Do lado de fora, ele é igual a uma máquina desligada, um endereço que não existe ou um cabo cortado: por isso todo cliente precisa de um prazo próprio.',
      en: 'A `drop` answers nothing, on purpose. From outside it is the same as a machine switched off, an address that does not exist or a cut cable: that is why every client needs a deadline of its own.',
    },
  },
]);
