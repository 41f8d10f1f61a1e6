import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'a server sees the address of the machine that sent the packet',
    question: {
      pt: 'O notebook (`192.168.0.10`), atrás do roteador (`203.0.113.1`), manda um datagrama ao servidor (`203.0.113.80`). De que endereço o servidor diz que o datagrama veio?',
      en: 'The laptop (`192.168.0.10`), behind the router (`203.0.113.1`), sends a datagram to the server (`203.0.113.80`). What address does the server say it came from?',
    },
    options: [
      { pt: '`192.168.0.10`, o do notebook.', en: "`192.168.0.10`, the laptop's." },
      { pt: '`203.0.113.1`, o do roteador.', en: "`203.0.113.1`, the router's." },
      {
        pt: 'De nenhum: o datagrama não chega, porque o servidor não tem rota para a rede de casa.',
        en: 'None: the datagram does not arrive, because the server has no route to the home network.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O roteador troca o endereço de origem (e, aqui, a porta) pelos seus antes de o datagrama sair. O servidor só conhece o que chegou até ele, e responde para o roteador, que desfaz a troca e entrega a resposta ao notebook.',
      en: 'The router replaces the source address (and, here, the port) with its own before the datagram leaves. The server only knows what reached it, and answers the router, which undoes the change and delivers the reply to the laptop.',
    },
    tiedTo: { session: 'nat-rewrite', terminal: 'server', match: /bytes from ([\d.]+):/ },
  },
  {
    kind: 'number',
    question: {
      pt: 'Na sessão em que os pacotes são capturados dos dois lados do roteador, quantos dos quatro números da 4-tupla do datagrama que sai do notebook chegam iguais ao servidor (endereços e portas)?',
      en: 'In the session that captures the packets on both sides of the router, how many of the four numbers of the 4-tuple of the datagram leaving the laptop reach the server unchanged (addresses and ports)?',
    },
    answer: 2,
    explanation: {
      pt: 'Só o destino, `203.0.113.80:12000`, passa intacto. A origem muda inteira: o endereço vira o do roteador, e a porta, uma que o `masquerade random` do roteador escolheu.',
      en: "Only the destination, `203.0.113.80:12000`, goes through untouched. The whole source changes: the address becomes the router's, and the port one that the router's `masquerade random` picked.",
    },
  },
  {
    kind: 'choice',
    corrects: 'a machine behind NAT can be reached at its address',
    question: {
      pt: 'Do servidor, lá fora, o cliente TCP tenta conectar no endereço privado do notebook, `192.168.0.10`. O que acontece?',
      en: "From the server, outside, the TCP client tries to connect to the laptop's private address, `192.168.0.10`. What happens?",
    },
    options: [
      {
        pt: 'Conecta: o roteador sabe que o notebook está atrás dele.',
        en: 'It connects: the router knows the laptop is behind it.',
      },
      {
        pt: 'Falha na hora com `ENETUNREACH`: o servidor não tem rota para esse endereço.',
        en: 'It fails at once with `ENETUNREACH`: the server has no route to that address.',
      },
      {
        pt: '`ECONNREFUSED`: o roteador responde com um RST.',
        en: '`ECONNREFUSED`: the router answers with a RST.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Nenhuma máquina da internet tem rota para um endereço privado. O `ECONNREFUSED` vem quando o servidor tenta o endereço do roteador: lá nada escuta na porta 12000, e o roteador não tem troca anotada para uma conexão que começa do lado de fora.',
      en: "No machine on the internet has a route to a private address. `ECONNREFUSED` comes when the server tries the router's address: nothing listens on port 12000 there, and the router has no change written down for a connection that starts outside.",
    },
    tiedTo: {
      session: 'nat-inbound',
      terminal: 'client',
      match: /^connect (\w+) 192\.168\.0\.10:12000/m,
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'Com o redirecionamento da porta 8080 do roteador para `192.168.0.80:12000`, o celular (`203.0.113.50`) conecta em `203.0.113.1:8080`. De que endereço o servidor em casa vê a conexão chegar?',
      en: "With the router's port 8080 forwarded to `192.168.0.80:12000`, the phone (`203.0.113.50`) connects to `203.0.113.1:8080`. What address does the server at home see the connection come from?",
    },
    options: [
      { pt: '`203.0.113.1`, o do roteador.', en: "`203.0.113.1`, the router's." },
      { pt: '`192.168.0.1`, o do roteador em casa.', en: "`192.168.0.1`, the router's at home." },
      { pt: '`203.0.113.50`, o do celular.', en: "`203.0.113.50`, the phone's." },
    ],
    answer: 2,
    explanation: {
      pt: 'A regra `dnat` troca só o destino na ida: a origem continua a do celular. Na volta, o roteador troca a origem da resposta, para que ela pareça vir de `203.0.113.1:8080`, o endereço que o celular usou.',
      en: "The `dnat` rule replaces only the destination on the way in: the source stays the phone's. On the way back, the router replaces the reply's source, so that it seems to come from `203.0.113.1:8080`, the address the phone used.",
    },
    tiedTo: { session: 'nat-port-forward', terminal: 'server', match: /connection ([\d.]+):/ },
  },
]);
