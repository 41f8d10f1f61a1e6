import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'write() means received',
    question: {
      pt: 'O servidor surdo nunca lê. Segundo o `ss`, onde estão os 7 bytes que o `nc` enviou a ele?',
      en: 'The deaf server never reads. According to `ss`, where are the 7 bytes `nc` sent it?',
    },
    options: [
      {
        pt: 'Perdidos: se nenhum programa leu, o TCP não os entregou.',
        en: 'Lost: if no program read them, TCP did not deliver them.',
      },
      {
        pt: 'No buffer de envio do `nc`, esperando o servidor ler.',
        en: "In `nc`'s send buffer, waiting for the server to read.",
      },
      {
        pt: 'No kernel do servidor: `Recv-Q` 7 na linha da porta 12000. O TCP entregou e confirmou, e nenhum programa leu nada.',
        en: "In the server's kernel: `Recv-Q` 7 on the port 12000 line. TCP delivered and acknowledged them, and no program read anything.",
      },
    ],
    answer: 2,
    explanation: {
      pt: 'O callback do `write()` só diz que os bytes entraram no kernel de quem envia, e até o ACK do TCP é uma conversa entre kernels. Só uma resposta da aplicação, como o `ok 1` do `ack-server.ts`, prova que um programa leu a mensagem.',
      en: "A `write()` callback only says the bytes entered the sender's kernel, and even TCP's ACK is a conversation between kernels. Only an answer from the application, such as `ack-server.ts`'s `ok 1`, proves that a program read the message.",
    },
    tiedTo: {
      session: 'timeouts-no-answer',
      terminal: 'ss',
      match: /^(\d+)\s+\d+\s+127\.0\.0\.1:12000\s/m,
    },
  },
  {
    kind: 'choice',
    corrects: 'writing to a closed connection fails at once',
    question: {
      pt: 'O servidor fechou a conexão com FIN, e depois disso o cliente escreve duas vezes. O que acontece?',
      en: 'The server closed the connection with a FIN, and after that the client writes twice. What happens?',
    },
    options: [
      { pt: 'As duas escritas falham na hora.', en: 'Both writes fail at once.' },
      {
        pt: 'As duas dão certo, e o servidor recebe os bytes.',
        en: 'Both work, and the server gets the bytes.',
      },
      {
        pt: 'A primeira não dá erro; o kernel do servidor responde a ela com um RST, e a segunda falha com `EPIPE`.',
        en: "The first gives no error; the server's kernel answers it with an RST, and the second fails with `EPIPE`.",
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Um FIN só quer dizer "não vou mais enviar", então o kernel do cliente envia `first`. O servidor já tinha fechado o socket de vez e responde com um RST; só a escrita seguinte falha. Por isso uma requisição só conta como atendida quando a resposta chega.',
      en: 'A FIN only means "I will send no more", so the client\'s kernel sends `first`. The server had closed its socket for good and answers with an RST; only the next write fails. That is why a request only counts as served once its response arrives.',
    },
    tiedTo: { session: 'timeouts-late-write', match: /write "first"[^\n]*\nwrite (E[A-Z]+)/ },
  },
  {
    kind: 'number',
    question: {
      pt: 'Com os valores padrão do Linux desta máquina, depois de quantos segundos de silêncio sai a primeira sonda de um socket com keepalive ligado?',
      en: "With this machine's Linux defaults, after how many seconds of silence does a socket with keepalive on send its first probe?",
    },
    answer: 7200,
    unit: { pt: 'segundos', en: 'seconds' },
    explanation: {
      pt: '`tcp_keepalive_time` é 7.200 segundos, duas horas. E o keepalive vem desligado em todo socket novo: no Node, quem liga é `socket.setKeepAlive(true, initialDelay)`, que também troca esse prazo. Para descobrir uma ponta morta em tempo útil, use um timeout seu.',
      en: '`tcp_keepalive_time` is 7,200 seconds, two hours. And keepalive is off on every new socket: in Node, `socket.setKeepAlive(true, initialDelay)` turns it on, and changes that delay too. To find a dead end in useful time, use a timeout of your own.',
    },
    tiedTo: { session: 'timeouts-keepalive-defaults', match: /tcp_keepalive_time:(\d+)/ },
  },
  {
    kind: 'choice',
    corrects: 'a SYN is always answered',
    question: {
      pt: 'A fila de aceitação do servidor está cheia. O que o Linux responde ao SYN de um cliente novo?',
      en: "The server's accept queue is full. What does Linux answer to a new client's SYN?",
    },
    options: [
      {
        pt: 'Um RST: o cliente recebe `ECONNREFUSED` na hora.',
        en: 'An RST: the client gets `ECONNREFUSED` at once.',
      },
      {
        pt: 'Nada: o SYN é descartado, e o cliente só desiste pelo próprio prazo, 1.000 ms na sessão.',
        en: 'Nothing: the SYN is dropped, and the client only gives up at its own deadline, 1,000 ms in the session.',
      },
      {
        pt: 'Um SYN-ACK, e o handshake termina normalmente.',
        en: 'A SYN-ACK, and the handshake completes as usual.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Com a fila cheia, o Linux descarta os SYNs novos, sem RST. Sem um prazo do programa, o kernel reenvia o SYN, dobrando a espera a cada vez, e o `connect()` só falha com `ETIMEDOUT` depois de uns dois minutos.',
      en: 'With the queue full, Linux drops new SYNs, with no RST. Without a deadline in the program, the kernel sends the SYN again, doubling the wait each time, and `connect()` only fails with `ETIMEDOUT` after about two minutes.',
    },
    tiedTo: { session: 'timeouts-connect', match: /could not connect to \S+ within (\d+) ms/ },
  },
  {
    kind: 'choice',
    corrects: 'keepalive tells whether the other program is alive',
    question: {
      pt: 'O keepalive está ligado, e o programa do outro lado travou, com a máquina dele de pé. O keepalive percebe?',
      en: 'Keepalive is on, and the program at the other end has hung, its machine still up. Does keepalive notice?',
    },
    options: [
      {
        pt: 'Não: quem responde às sondas é o kernel do outro lado, que continua funcionando.',
        en: 'No: the kernel at the other end answers the probes, and it still works.',
      },
      {
        pt: 'Sim: as sondas ficam sem resposta, e a conexão é dada como morta.',
        en: 'Yes: the probes go unanswered, and the connection is declared dead.',
      },
      {
        pt: 'Sim, mas só depois de duas horas.',
        en: 'Yes, but only after two hours.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'O keepalive pergunta se a conexão ainda existe; o timeout de inatividade pergunta se algo aconteceu ultimamente. Para saber se o programa do outro lado está vivo, só uma mensagem da aplicação, como um `ping` que espera um `pong`.',
      en: 'Keepalive asks whether the connection still exists; an idle timeout asks whether anything happened lately. To know whether the program at the other end is alive, only an application message will do, such as a `ping` that waits for a `pong`.',
    },
  },
]);
