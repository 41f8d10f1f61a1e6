import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'accept() moves the client to a new port',
    question: {
      pt: 'Um servidor escuta na porta 12000 e aceita três conexões. Qual é a porta local de cada socket aceito?',
      en: 'A server listens on port 12000 and accepts three connections. What is the local port of each accepted socket?',
    },
    options: [
      {
        pt: 'Uma porta livre nova para cada cliente, para que a 12000 fique livre para as próximas conexões.',
        en: 'A new free port for each client, so that 12000 stays free for the next connections.',
      },
      {
        pt: 'A porta do cliente, espelhada.',
        en: "The client's port, mirrored.",
      },
      {
        pt: 'A 12000, a mesma do socket de escuta, nos três.',
        en: "12000, the same as the listening socket's, for all three.",
      },
    ],
    answer: 2,
    explanation: {
      pt: 'O `accept()` cria um socket novo, mas na mesma porta de escuta, e o `many-connections.ts` confere isso: `all 3 accepted sockets have local port 12000`. O que separa as conexões é a 4-tupla, e nela só a porta do cliente muda.',
      en: "`accept()` makes a new socket, but on the listening port, and `many-connections.ts` checks it: `all 3 accepted sockets have local port 12000`. What tells the connections apart is the 4-tuple, and in it only the client's port changes.",
    },
    tiedTo: {
      session: 'many-connections',
      match: /all \d+ accepted sockets have local port (\d+), the listening port/,
    },
  },
  {
    kind: 'number',
    question: {
      pt: 'Com três clientes conectados, e eles e o servidor na mesma máquina, quantas linhas `ESTAB` o `ss -tan` mostra para a porta 12000?',
      en: 'With three clients connected, and them and the server on the same machine, how many `ESTAB` lines does `ss -tan` show for port 12000?',
    },
    answer: 6,
    explanation: {
      pt: 'Três sockets aceitos pelo servidor, todos com endereço local `127.0.0.1:12000`, e os três sockets dos clientes, vistos do lado deles; eles aparecem porque as duas pontas estão na mesma máquina. Fora essas, uma linha `LISTEN`: o socket de escuta.',
      en: "Three sockets accepted by the server, all with local address `127.0.0.1:12000`, and the three clients' sockets, seen from their side; these show up because both ends are on the same machine. Besides them, one `LISTEN` line: the listening socket.",
    },
    tiedTo: { session: 'many-connections-ss', terminal: 'ss', count: /^ESTAB /gm },
  },
  {
    kind: 'choice',
    question: {
      pt: 'Um segmento chega à porta 12000. O que o kernel usa para escolher a conexão a que ele pertence?',
      en: 'A segment reaches port 12000. What does the kernel use to pick the connection it belongs to?',
    },
    options: [
      { pt: 'Só a porta de destino.', en: 'The destination port alone.' },
      {
        pt: 'O PID do processo que fez o `accept()`.',
        en: 'The PID of the process that called `accept()`.',
      },
      {
        pt: 'A 4-tupla: IP e porta locais, IP e porta remotos.',
        en: 'The 4-tuple: local IP and port, remote IP and port.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Duas conexões com o mesmo servidor, na mesma porta, diferem na ponta do cliente, e isso basta. Um segmento que não combina com nenhuma conexão e é um SYN vai para o socket de escuta daquela porta: é um cliente novo.',
      en: "Two connections to the same server, on the same port, differ at the client's end, and that is enough. A segment that matches no connection and is a SYN goes to that port's listening socket: it is a new client.",
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'Na linha `LISTEN` do `ss`, o que é o `511` da coluna `Send-Q`?',
      en: 'On the `LISTEN` line of `ss`, what is the `511` in the `Send-Q` column?',
    },
    options: [
      { pt: 'Bytes esperando para sair.', en: 'Bytes waiting to go out.' },
      {
        pt: 'O backlog: o tamanho máximo da fila de conexões prontas, 511, o que o Node pede.',
        en: 'The backlog: the longest the queue of ready connections may grow, 511, what Node asks for.',
      },
      {
        pt: 'Quantas conexões já foram aceitas.',
        en: 'How many connections were accepted so far.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Para um socket de escuta, o `ss` usa as colunas de outro jeito: `Send-Q` é o backlog, dentro do teto `net.core.somaxconn` do kernel, e `Recv-Q` é quantas conexões estão na fila agora.',
      en: "For a listening socket, `ss` uses the columns differently: `Send-Q` is the backlog, within the kernel's `net.core.somaxconn` ceiling, and `Recv-Q` is how many connections are queued right now.",
    },
    tiedTo: { session: 'many-connections-ss', terminal: 'ss', match: /^LISTEN\s+\d+\s+(\d+)/m },
  },
]);
