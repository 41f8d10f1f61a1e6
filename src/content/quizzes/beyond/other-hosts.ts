import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'a server that runs can be reached from any machine',
    question: {
      pt: 'O servidor TCP do curso roda no notebook, sem nenhuma opção, e o celular tenta `tcp-client.ts --host 192.168.0.10 oi`. O que o celular recebe?',
      en: "The course's TCP server runs on the laptop, with no option at all, and the phone tries `tcp-client.ts --host 192.168.0.10 oi`. What does the phone get?",
    },
    options: [
      {
        pt: 'A resposta `oi`: o servidor está rodando.',
        en: 'The reply `oi`: the server is running.',
      },
      {
        pt: '`ECONNREFUSED`: em `192.168.0.10`, ninguém escuta a porta 12000.',
        en: '`ECONNREFUSED`: on `192.168.0.10`, nobody listens on port 12000.',
      },
      {
        pt: 'Nada: a conexão fica esperando até o timeout.',
        en: 'Nothing: the connection hangs until the timeout.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Sem opção, o servidor faz bind em `127.0.0.1`, que só recebe conexões da própria máquina. O SYN do celular chega pela `eth0`, endereçado a `192.168.0.10`, onde nada escuta: o kernel do notebook responde com um RST, e o servidor nem fica sabendo.',
      en: "With no option, the server binds to `127.0.0.1`, which only takes connections from the machine itself. The phone's SYN arrives through `eth0`, addressed to `192.168.0.10`, where nothing listens: the laptop's kernel answers with a RST, and the server never finds out.",
    },
    tiedTo: { session: 'hosts-loopback', terminal: 'phone', match: /^connect (\w+) /m },
  },
  {
    kind: 'choice',
    corrects: 'a server on 0.0.0.0 has the address 0.0.0.0',
    question: {
      pt: 'Com o servidor em `--host 0.0.0.0`, o celular conecta. Qual é o endereço local dessa conexão, do lado do servidor?',
      en: 'With the server on `--host 0.0.0.0`, the phone connects. What is the local address of that connection, on the server’s side?',
    },
    options: [
      { pt: '`0.0.0.0:12000`, o do bind.', en: '`0.0.0.0:12000`, the one it bound to.' },
      {
        pt: '`192.168.0.10:12000`, o endereço que o celular usou para chegar.',
        en: '`192.168.0.10:12000`, the address the phone used to get there.',
      },
      {
        pt: '`127.0.0.1:12000`, porque o servidor roda no próprio notebook.',
        en: '`127.0.0.1:12000`, because the server runs on the laptop itself.',
      },
    ],
    answer: 1,
    explanation: {
      pt: '`0.0.0.0` no bind quer dizer "qualquer endereço meu". Cada conexão aceita tem um endereço local de verdade: aquele para onde o cliente mandou o SYN. Na sessão, a conexão do celular chega em `192.168.0.10:12000`, e a do próprio notebook em `127.0.0.1:12000`, pelo mesmo socket que escuta.',
      en: '`0.0.0.0` in a bind means "any address of mine". Each accepted connection has a real local address: the one the client sent its SYN to. In the session, the phone’s connection arrives at `192.168.0.10:12000`, and the laptop’s own at `127.0.0.1:12000`, through the same listening socket.',
    },
    tiedTo: {
      session: 'hosts-everywhere',
      terminal: 'server',
      match: /^connection 192\.168\.0\.20:\S+ -> (\S+)$/m,
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'Agora o servidor faz bind só em `192.168.0.10`. O que acontece com `tcp-client.ts oi` rodando no próprio notebook, que conecta em `127.0.0.1`?',
      en: 'Now the server binds to `192.168.0.10` only. What happens to `tcp-client.ts oi` run on the laptop itself, which connects to `127.0.0.1`?',
    },
    options: [
      {
        pt: 'Conecta: é a mesma máquina.',
        en: 'It connects: it is the same machine.',
      },
      {
        pt: 'Recebe `ECONNREFUSED`: em `127.0.0.1` nada escuta a porta 12000.',
        en: 'It gets `ECONNREFUSED`: on `127.0.0.1` nothing listens on port 12000.',
      },
      {
        pt: 'Recebe `EADDRNOTAVAIL`: o endereço não existe mais.',
        en: 'It gets `EADDRNOTAVAIL`: the address no longer exists.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Um socket que escuta num endereço só recebe conexões endereçadas a ele. `127.0.0.1` é o endereço de outra interface, a `lo`, e lá ninguém escuta a porta 12000. `EADDRNOTAVAIL` é o que o próprio servidor recebe no bind quando o endereço pedido não é de nenhuma interface.',
      en: 'A socket that listens on one address only takes connections addressed to it. `127.0.0.1` belongs to another interface, `lo`, and there nobody listens on port 12000. `EADDRNOTAVAIL` is what the server itself gets from bind when the address it asks for belongs to no interface.',
    },
    tiedTo: {
      session: 'hosts-one-address',
      terminal: 'laptop',
      match: /^connect (\w+) 127\.0\.0\.1:12000$/m,
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'Qual destes endereços é privado, de uma rede local (RFC 1918)?',
      en: 'Which of these addresses is private, from a local network (RFC 1918)?',
    },
    options: [
      { pt: '`172.20.1.5`', en: '`172.20.1.5`' },
      { pt: '`172.32.0.1`', en: '`172.32.0.1`' },
      { pt: '`192.0.2.10`', en: '`192.0.2.10`' },
    ],
    answer: 0,
    explanation: {
      pt: 'A faixa privada do meio é `172.16.0.0/12`: de `172.16.0.0` a `172.31.255.255`. `172.32.0.1` já fica fora dela. `192.0.2.10` é um endereço de documentação (RFC 5737): não é de ninguém, e serve para exemplos, livros e os laboratórios do curso.',
      en: 'The middle private range is `172.16.0.0/12`: from `172.16.0.0` to `172.31.255.255`. `172.32.0.1` is already outside it. `192.0.2.10` is a documentation address (RFC 5737): it belongs to nobody, and serves examples, books and the course’s labs.',
    },
  },
]);
