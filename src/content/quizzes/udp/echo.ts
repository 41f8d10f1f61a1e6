import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Quantos bytes o cliente envia para a mensagem `"olá, mundo"`?',
      en: 'How many bytes does the client send for the message `"olá, mundo"`?',
    },
    answer: 11,
    unit: { pt: 'bytes', en: 'bytes' },
    explanation: {
      pt: 'São 10 caracteres, mas o `á` ocupa 2 bytes em UTF-8. O servidor e o cliente contam bytes, e os dois mostram 11.',
      en: 'That is 10 characters, but `á` takes 2 bytes in UTF-8. The server and the client count bytes, and both show 11.',
    },
    tiedTo: { session: 'udp-echo', terminal: 'client', match: /sent (\d+) bytes from/ },
  },
  {
    kind: 'choice',
    corrects: 'a UDP server needs a socket per client',
    question: {
      pt: 'Quantos sockets o `udp-server.ts` usa para atender muitos clientes?',
      en: 'How many sockets does `udp-server.ts` use to serve many clients?',
    },
    options: [
      {
        pt: 'Um só: cada datagrama chega com o endereço e a porta de quem o enviou, e a resposta vai para lá.',
        en: 'Just one: each datagram arrives with the address and port of its sender, and the reply goes there.',
      },
      {
        pt: 'Um por cliente, criado por um `accept()`.',
        en: 'One per client, made by an `accept()`.',
      },
      { pt: 'Um para cada datagrama recebido.', en: 'One for each datagram received.' },
    ],
    answer: 0,
    explanation: {
      pt: "O UDP não tem conexão: não há `listen()` nem `accept()`. O servidor faz um bind e recebe os datagramas de todos os clientes no mesmo socket; o `sender` de cada evento `'message'` diz para onde responder.",
      en: "UDP has no connections: there is no `listen()` and no `accept()`. The server binds once and receives every client's datagrams on the same socket; the `sender` of each `'message'` event says where to reply.",
    },
  },
  {
    kind: 'choice',
    corrects: 'sending to a closed UDP port gives an error',
    question: {
      pt: 'Sem servidor nenhum, o que o `udp-client.ts`, que não conecta o socket, vê ao enviar `ping`?',
      en: 'With no server at all, what does `udp-client.ts`, whose socket is not connected, see when it sends `ping`?',
    },
    options: [
      { pt: '`ECONNREFUSED` na hora, como no TCP.', en: '`ECONNREFUSED` at once, as with TCP.' },
      { pt: 'O `send` falha com `EMSGSIZE`.', en: 'The `send` fails with `EMSGSIZE`.' },
      {
        pt: 'O envio dá certo e nada acusa erro; só o prazo revela o problema: `no reply from 127.0.0.1:12000 after 1000 ms`.',
        en: 'The send works and nothing reports an error; only the timeout shows the problem: `no reply from 127.0.0.1:12000 after 1000 ms`.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Num socket UDP não conectado, enviar para uma porta onde ninguém escuta não gera erro para o programa: o datagrama só se perde. O único sinal é o silêncio, e por isso o cliente tem um timeout. Sem ele, esperaria para sempre.',
      en: 'On an unconnected UDP socket, sending to a port where nobody listens gives the program no error: the datagram is just lost. Silence is the only sign, which is why the client has a timeout. Without one, it would wait forever.',
    },
    tiedTo: { session: 'udp-no-server', match: /no reply from \S+ after (\d+) ms/ },
  },
  {
    kind: 'choice',
    question: {
      pt: 'O cliente nunca chama `bind()`. De onde vem a porta do endereço `0.0.0.0:50001` que ele mostra?',
      en: 'The client never calls `bind()`. Where does the port of the address `0.0.0.0:50001` it shows come from?',
    },
    options: [
      {
        pt: 'É a porta 12000 do servidor, que os dois dividem.',
        en: "It is the server's port 12000, which the two share.",
      },
      {
        pt: 'O Node faz o bind sozinho, logo antes do primeiro envio, na porta 0, e o kernel escolhe uma porta efêmera livre.',
        en: 'Node binds by itself, right before the first send, on port 0, and the kernel picks a free ephemeral port.',
      },
      {
        pt: 'O servidor escolhe uma porta e a devolve na resposta.',
        en: 'The server picks a port and sends it back in the reply.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Antes do primeiro `send`, o Node faz o bind em `0.0.0.0`, porta 0: "sistema, escolha você". Cada execução ganha outra porta efêmera, e é para ela que o servidor responde. Por isso a transcrição mostra 50001 e depois 50002, números que serão outros no seu computador.',
      en: 'Before the first `send`, Node binds `0.0.0.0`, port 0: "system, you choose". Each run gets another ephemeral port, and the server replies to it. That is why the transcript shows 50001 and then 50002, numbers that will differ on your machine.',
    },
  },
]);
