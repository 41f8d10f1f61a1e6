import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Três clientes chegam juntos ao servidor Python bloqueante, que trabalha 1 segundo por cliente. Depois de quantos segundos o cliente 3 recebe a resposta?',
      en: 'Three clients reach the blocking Python server together, and it works 1 second per client. After how many seconds does client 3 get its answer?',
    },
    answer: 3,
    unit: { pt: 's', en: 's' },
    explanation: {
      pt: 'A única thread atende um cliente de cada vez, parada no `sleep()`: o cliente 3 espera o trabalho dele e o dos dois que chegaram antes. Com 100 clientes, o último esperaria 100 segundos.',
      en: 'The only thread serves one client at a time, stuck in `sleep()`: client 3 waits for its own work and for that of the two ahead of it. With 100 clients, the last would wait 100 seconds.',
    },
    tiedTo: { session: 'one-thread-blocking', match: /client 3: [^\n]* after (\d+) s/ },
  },
  {
    kind: 'number',
    question: {
      pt: 'No `slow-server.ts` padrão, o segundo de trabalho é um `setTimeout`. Três clientes chegam juntos: depois de quantos segundos o cliente 3 recebe a resposta?',
      en: 'In the default `slow-server.ts`, the second of work is a `setTimeout`. Three clients arrive together: after how many seconds does client 3 get its answer?',
    },
    answer: 1,
    unit: { pt: 's', en: 's' },
    explanation: {
      pt: 'O `setTimeout` só agenda a resposta e volta na hora. A thread fica livre, o event loop espera os três timers de uma vez, e as três respostas saem juntas, depois de 1 segundo.',
      en: '`setTimeout` only schedules the answer and returns at once. The thread stays free, the event loop waits for the three timers at once, and the three answers leave together, after 1 second.',
    },
    tiedTo: { session: 'one-thread-timer', match: /client 3: [^\n]* after (\d+) s/ },
  },
  {
    kind: 'choice',
    corrects: 'Node is asynchronous, so nothing can block it',
    question: {
      pt: 'Com `--work busy`, o segundo de trabalho vira um laço que gira até o relógio andar 1 segundo. O que acontece com três clientes que chegam juntos?',
      en: 'With `--work busy`, the second of work becomes a loop that spins until the clock moves on by 1 second. What happens to three clients that arrive together?',
    },
    options: [
      {
        pt: 'Nada muda: o Node é assíncrono, e os três recebem a resposta depois de 1 segundo.',
        en: 'Nothing changes: Node is asynchronous, and all three get their answer after 1 second.',
      },
      {
        pt: 'Voltam os 1, 2 e 3 segundos do servidor Python: enquanto o laço gira, o event loop não atende mais ninguém.',
        en: "The Python server's 1, 2 and 3 seconds come back: while the loop spins, the event loop serves nobody else.",
      },
      {
        pt: 'O Node cria uma thread para cada cliente e divide o trabalho entre elas.',
        en: 'Node makes one thread per client and shares the work among them.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O event loop chama um callback de cada vez. Um callback que demora segura todos os outros: conexões novas, leituras, timers e até o Ctrl+C que o programa trata. Uma conta demorada vai para um worker (`worker_threads`) ou para outro processo.',
      en: 'The event loop calls one callback at a time. A callback that takes long holds up all the others: new connections, reads, timers, even the Ctrl+C the program handles. A long computation belongs in a worker (`worker_threads`) or in another process.',
    },
    tiedTo: { session: 'one-thread-busy', match: /client 3: [^\n]* after (\d+) s/ },
  },
  {
    kind: 'choice',
    corrects: 'connected means served',
    question: {
      pt: 'Enquanto o servidor Python está ocupado com o cliente 1, os clientes 2 e 3 conseguem conectar?',
      en: 'While the Python server is busy with client 1, can clients 2 and 3 connect?',
    },
    options: [
      {
        pt: 'Sim: o kernel faz o handshake sozinho e guarda as conexões no backlog. Conectado não quer dizer atendido.',
        en: 'Yes: the kernel makes the handshake on its own and keeps the connections in the backlog. Connected does not mean served.',
      },
      {
        pt: 'Não: eles só conectam quando o servidor chama `accept()`.',
        en: 'No: they only connect when the server calls `accept()`.',
      },
      {
        pt: 'Sim, porque o Python cria uma thread para cada conexão.',
        en: 'Yes, because Python makes one thread per connection.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'O handshake é do sistema operacional. O `accept()` só tira da fila uma conexão já pronta; até lá, os bytes do cliente esperam no kernel do servidor.',
      en: "The handshake is the operating system's business. `accept()` only takes a ready connection off the queue; until then, the client's bytes wait in the server's kernel.",
    },
  },
]);
