import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'No netcat, você digita `olá` e aperta Enter. Quantos bytes o `udp-server.ts` diz ter recebido?',
      en: 'In netcat you type `olá` and press Enter. How many bytes does `udp-server.ts` say it received?',
    },
    answer: 5,
    unit: { pt: 'bytes', en: 'bytes' },
    explanation: {
      pt: 'O `o` e o `l` ocupam 1 byte cada, o `á` ocupa 2 em UTF-8, e o Enter vira um `\\n`, que o netcat envia junto: 1 + 1 + 2 + 1 = 5 bytes, num datagrama só.',
      en: '`o` and `l` take 1 byte each, `á` takes 2 in UTF-8, and Enter becomes a `\\n`, which netcat sends along: 1 + 1 + 2 + 1 = 5 bytes, in one datagram.',
    },
    tiedTo: { session: 'nc-echo', match: /(\d+) bytes from \S+ "olá\\n"/ },
  },
  {
    kind: 'choice',
    corrects: 'nc -u -v "succeeded" means a server answered',
    question: {
      pt: 'O que prova o `Connection to 127.0.0.1 12000 port [udp/*] succeeded!` que o `nc -u -v` escreve?',
      en: 'What does the `Connection to 127.0.0.1 12000 port [udp/*] succeeded!` that `nc -u -v` prints prove?',
    },
    options: [
      {
        pt: 'Que o servidor recebeu a conexão e respondeu.',
        en: 'That the server accepted the connection and answered.',
      },
      {
        pt: 'Que o handshake do UDP terminou.',
        en: 'That the UDP handshake completed.',
      },
      {
        pt: 'Só que nenhuma recusa chegou a tempo. Para testar, o netcat enviou datagramas com a letra `X`, que o servidor mostrou como `XXX`.',
        en: 'Only that no refusal arrived in time. To test, netcat sent datagrams holding the letter `X`, which the server showed as `XXX`.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'O UDP não tem conexão nem handshake. O `-v` do cliente envia alguns datagramas de 1 byte e espera um erro; se nenhum chega, ele escreve `succeeded`. Pela internet, a mensagem ICMP de recusa costuma ser filtrada no caminho, e o `succeeded` aparece até sem ninguém do outro lado.',
      en: "UDP has no connection and no handshake. The client's `-v` sends a few 1-byte datagrams and waits for an error; if none comes, it prints `succeeded`. Across the internet the ICMP refusal is often filtered on the way, and `succeeded` appears even with nobody at the other end.",
    },
    tiedTo: { session: 'nc-probe', terminal: 'server', match: /^(X+)$/m },
  },
  {
    kind: 'choice',
    question: {
      pt: 'Depois que o primeiro cliente escreve, em que estado o `ss` mostra o socket UDP do `nc -u -l`?',
      en: 'After the first client writes, in what state does `ss` show the UDP socket of `nc -u -l`?',
    },
    options: [
      { pt: '`UNCONN`: o UDP não tem conexão.', en: '`UNCONN`: UDP has no connections.' },
      {
        pt: '`ESTAB`: o netcat conectou o socket ao primeiro cliente, e daí em diante ele ignora os outros.',
        en: '`ESTAB`: netcat connected the socket to the first client, and from then on it ignores the others.',
      },
      { pt: '`LISTEN`, como um servidor TCP.', en: '`LISTEN`, like a TCP server.' },
    ],
    answer: 1,
    explanation: {
      pt: 'O `connect()` num socket UDP não envia nada: só fixa o outro lado, e o socket passa a receber só os datagramas que vêm de lá. O netcat-openbsd conecta o servidor ao primeiro cliente. Por isso o `ss` diz `ESTAB`, o `lsof` desenha uma seta, e um segundo cliente recebe um ICMP port unreachable e termina em silêncio.',
      en: 'A `connect()` on a UDP socket sends nothing: it only fixes the other end, and the socket then receives only the datagrams that come from there. netcat-openbsd connects the server to the first client. That is why `ss` says `ESTAB`, `lsof` draws an arrow, and a second client gets an ICMP port unreachable and ends silently.',
    },
    tiedTo: {
      session: 'nc-lsof',
      terminal: 'ss',
      match: /^(\w+)\s+\d+\s+\d+\s+127\.0\.0\.1:12000\s+127\.0\.0\.1:/m,
    },
  },
  {
    kind: 'choice',
    corrects: 'localhost is 127.0.0.1',
    question: {
      pt: 'O servidor escuta em `127.0.0.1`, e você roda `nc -u localhost 12000`. Por que o datagrama pode nunca chegar, sem erro nenhum?',
      en: 'The server listens on `127.0.0.1`, and you run `nc -u localhost 12000`. Why might the datagram never arrive, with no error at all?',
    },
    options: [
      {
        pt: 'Porque `localhost` pode virar primeiro `::1`, o loopback do IPv6, e um servidor em `127.0.0.1` só atende IPv4.',
        en: 'Because `localhost` may turn into `::1` first, the IPv6 loopback, and a server on `127.0.0.1` only serves IPv4.',
      },
      {
        pt: 'Porque o UDP não funciona no loopback.',
        en: 'Because UDP does not work over the loopback.',
      },
      {
        pt: 'Porque o netcat precisa de `-p` para escolher a porta.',
        en: 'Because netcat needs `-p` to choose the port.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'Em muitos sistemas o `/etc/hosts` tem uma linha `::1 localhost`, e o `nc` tenta o `::1` primeiro. O datagrama vai para o IPv6, onde ninguém escuta, e nada avisa. Na sessão da lição, o cliente do curso, que manda para `::1`, só desiste no timeout. Escreva o endereço que você quer, `127.0.0.1`.',
      en: "On many systems `/etc/hosts` has a line `::1 localhost`, and `nc` tries `::1` first. The datagram goes to IPv6, where nobody listens, and nothing tells you. In the lesson's session, the course's client, sending to `::1`, only gives up at its timeout. Write the address you mean, `127.0.0.1`.",
    },
    tiedTo: { session: 'nc-ipv6', match: /no reply from \[(::1)\]:12000/ },
  },
]);
