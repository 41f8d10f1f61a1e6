import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Que MSS os SYNs anunciam no loopback do Linux?',
      en: "What MSS do the SYNs announce on Linux's loopback?",
    },
    answer: 65495,
    unit: { pt: 'bytes', en: 'bytes' },
    explanation: {
      pt: 'O MSS é o maior pacote menos 40 bytes de cabeçalhos IP e TCP. No loopback, o MTU é de 65.536 bytes, mas um pacote IPv4 não passa de 65.535: 65.535 − 40 = 65.495.',
      en: 'The MSS is the largest packet less 40 bytes of IP and TCP headers. On loopback the MTU is 65,536 bytes, but an IPv4 packet cannot exceed 65,535: 65,535 − 40 = 65,495.',
    },
    tiedTo: { session: 'capture-handshake', match: /mss (\d+)/ },
  },
  {
    kind: 'number',
    corrects: 'the ends of a connection know the path MTU',
    question: {
      pt: 'No laboratório `mtu`, com Ethernet (MTU 1.500) nas duas pontas e um enlace de 1.280 bytes no meio, que MSS o primeiro SYN do notebook anuncia?',
      en: "In the lab `mtu`, with Ethernet (MTU 1,500) at both ends and a 1,280-byte link in the middle, what MSS does the laptop's first SYN announce?",
    },
    answer: 1460,
    unit: { pt: 'bytes', en: 'bytes' },
    explanation: {
      pt: '1.500 − 40 = 1.460. Cada ponta só conhece o MTU da própria interface; o enlace estreito do meio, ela só descobre quando um pacote grande demais se perde e o roteador avisa com um ICMP "need to frag". Na conexão seguinte, o SYN já diz 1.240.',
      en: '1,500 − 40 = 1,460. Each end only knows its own interface\'s MTU; the narrow link in the middle, it finds out only when a packet too big is lost and the router says so with an ICMP "need to frag". On the next connection, the SYN already says 1,240.',
    },
    tiedTo: { session: 'mtu-tcp', terminal: 'capture-laptop', match: /mss (\d+)/ },
  },
  {
    kind: 'choice',
    corrects: 'a datagram too big for the path is cut on the way',
    question: {
      pt: 'O notebook manda, de um socket UDP conectado, o primeiro datagrama de 1.400 bytes por esse caminho. O que o programa vê?',
      en: 'From a connected UDP socket, the laptop sends its first 1,400-byte datagram over that path. What does the program see?',
    },
    options: [
      {
        pt: 'O eco, atrasado: o roteador cortou o datagrama em fragmentos.',
        en: 'The echo, late: the router cut the datagram into fragments.',
      },
      {
        pt: 'O erro `EMSGSIZE`: o roteador descartou o datagrama, que ia com DF, e avisou com um ICMP.',
        en: 'The error `EMSGSIZE`: the router dropped the datagram, which carried DF, and said so with an ICMP.',
      },
      {
        pt: 'O eco de 1.280 bytes: o resto se perdeu.',
        en: 'A 1,280-byte echo: the rest was lost.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O Linux manda datagramas UDP com a flag DF, e um roteador não corta um pacote assim: ele o descarta e manda um ICMP "need to frag". Só um socket conectado fica sabendo, como `EMSGSIZE`. O datagrama seguinte o kernel do notebook já corta ele mesmo, em fragmentos.',
      en: 'Linux sends UDP datagrams with the DF flag, and a router does not cut such a packet: it drops it and sends an ICMP "need to frag". Only a connected socket hears of it, as `EMSGSIZE`. The next datagram, the laptop’s kernel cuts itself, into fragments.',
    },
    tiedTo: { session: 'mtu-udp', terminal: 'client', match: /udp 1400 bytes: (\w+)/ },
  },
  {
    kind: 'choice',
    question: {
      pt: 'O segundo datagrama de 1.400 bytes chega ao servidor, em dois fragmentos, mas o eco não volta. Por quê?',
      en: 'The second 1,400-byte datagram reaches the server, in two fragments, but the echo does not come back. Why?',
    },
    options: [
      {
        pt: 'O servidor não junta fragmentos: o programa recebeu só o primeiro.',
        en: 'The server does not join fragments: the program got only the first.',
      },
      {
        pt: 'O servidor não sabia do enlace estreito e mandou o eco num pacote só, que o provedor descartou.',
        en: 'The server did not know of the narrow link and sent the echo in one packet, which the isp dropped.',
      },
      {
        pt: 'O NAT do roteador descarta fragmentos.',
        en: "The router's NAT drops fragments.",
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Cada ponta aprende o MTU do caminho na sua direção, e só quando um pacote seu se perde. O eco do servidor saiu com 1.428 bytes e DF; o provedor o descartou e avisou o servidor, e só o terceiro eco voltou em fragmentos. Neste laboratório não há NAT.',
      en: "Each end learns the path MTU in its own direction, and only when a packet of its own is lost. The server's echo left with 1,428 bytes and DF; the isp dropped it and told the server, and only the third echo came back in fragments. There is no NAT in this lab.",
    },
  },
]);
