import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'accept() makes the handshake',
    question: {
      pt: 'Quem faz o handshake de três vias de uma conexão que chega ao servidor?',
      en: 'Who makes the three-way handshake of a connection that reaches the server?',
    },
    options: [
      {
        pt: 'O `accept()` do servidor: é ele que responde ao SYN com o SYN-ACK.',
        en: "The server's `accept()`: it is what answers the SYN with the SYN-ACK.",
      },
      {
        pt: 'O kernel, sozinho, depois do `listen()`; o `accept()` só tira da fila, o backlog, uma conexão já pronta.',
        en: 'The kernel, on its own, after `listen()`; `accept()` only takes a ready connection off the queue, the backlog.',
      },
      {
        pt: 'O cliente faz as três partes, e o servidor só confirma no fim.',
        en: 'The client does all three parts, and the server only confirms at the end.',
      },
    ],
    answer: 1,
    explanation: {
      pt: "Depois do `listen()`, o kernel completa handshakes sem o programa e põe as conexões prontas no backlog. O evento `'connection'` do Node é o `accept()`: ele chega depois do handshake, não antes.",
      en: "After `listen()`, the kernel completes handshakes without the program and queues the ready connections in the backlog. Node's `'connection'` event is the `accept()`: it comes after the handshake, not before.",
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'No loopback, o `tcp-client.ts` tenta conectar na porta 12000, onde ninguém escuta. O que acontece?',
      en: 'On the loopback, `tcp-client.ts` tries to connect to port 12000, where nobody listens. What happens?',
    },
    options: [
      {
        pt: 'Falha na hora com `ECONNREFUSED`: o kernel do outro lado responde ao SYN com um RST.',
        en: 'It fails at once with `ECONNREFUSED`: the kernel at the other end answers the SYN with an RST.',
      },
      {
        pt: 'Ele espera o timeout de 5 segundos, como o cliente UDP esperava.',
        en: 'It waits for its 5-second timeout, as the UDP client did.',
      },
      {
        pt: 'Conecta, e o erro só aparece no primeiro `write()`.',
        en: 'It connects, and the error only shows at the first `write()`.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'Ninguém escuta, então o kernel de lá recusa a conexão com um RST, e o `connect()` falha na hora. Numa rede de verdade, um firewall pode descartar o SYN sem responder nada; aí só um prazo salva o cliente, e por isso o `--timeout` vale também enquanto ele conecta.',
      en: 'Nobody listens, so the kernel there refuses the connection with an RST, and `connect()` fails at once. On a real network a firewall may drop the SYN without answering; then only a deadline saves the client, which is why `--timeout` also applies while it connects.',
    },
    tiedTo: { session: 'tcp-refused', match: /connect (E[A-Z]+) \S+/ },
  },
  {
    kind: 'choice',
    corrects: 'reliable means secure',
    question: {
      pt: 'O TCP é confiável. O que essa palavra garante?',
      en: 'TCP is reliable. What does that word guarantee?',
    },
    options: [
      {
        pt: 'Que os bytes chegam sem buracos, sem repetição e na ordem em que foram escritos.',
        en: 'That the bytes arrive without gaps, without repeats and in the order they were written.',
      },
      {
        pt: 'Que ninguém no caminho lê nem altera os dados.',
        en: 'That nobody on the way reads or changes the data.',
      },
      {
        pt: 'Que do outro lado está mesmo o servidor que você queria.',
        en: 'That the other end really is the server you meant.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'Confiável quer dizer entrega correta, não segurança. O checksum do TCP pega a maioria dos erros acidentais, mas quem está no caminho pode ler, alterar e recalcular tudo. Confidencialidade e autenticação são trabalho do TLS, que roda por cima do TCP.',
      en: "Reliable means correct delivery, not security. TCP's checksum catches most accidental errors, but anyone on the way can read, change and recompute everything. Confidentiality and authentication are the job of TLS, which runs on top of TCP.",
    },
  },
  {
    kind: 'number',
    question: {
      pt: 'Dois clientes estão conectados ao mesmo tempo ao `tcp-server.ts`. Quantos sockets TCP o servidor tem abertos?',
      en: 'Two clients are connected to `tcp-server.ts` at the same time. How many TCP sockets does the server have open?',
    },
    answer: 3,
    explanation: {
      pt: 'Um socket de escuta, que só aceita conexões, e um socket por conexão aceita, que conversa com aquele cliente. No UDP, um socket só atende todos os clientes.',
      en: 'One listening socket, which only accepts connections, and one socket per accepted connection, which talks to that client. With UDP, a single socket serves every client.',
    },
  },
]);
