import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Qual o maior número de bytes de dados que um datagrama UDP leva sobre IPv4?',
      en: 'What is the largest number of data bytes a UDP datagram carries over IPv4?',
    },
    answer: 65507,
    unit: { pt: 'bytes', en: 'bytes' },
    explanation: {
      pt: 'O maior pacote IPv4 tem 65.535 bytes, e eles incluem 20 bytes de cabeçalho IP e 8 de cabeçalho UDP: sobram 65.507. No IPv6 são 65.527, porque o cabeçalho de 40 bytes do IPv6 fica fora da conta.',
      en: "The largest IPv4 packet is 65,535 bytes, and that includes 20 bytes of IP header and 8 of UDP header: 65,507 are left. Over IPv6 it is 65,527, because IPv6's 40-byte header is not counted.",
    },
    tiedTo: {
      session: 'datagram-size',
      match: /udp4 (\d+) bytes: delivered[^\n]*\nudp4 \d+ bytes: EMSGSIZE/,
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'O que acontece com um `send` de 65.508 bytes num socket `udp4`?',
      en: 'What happens to a 65,508-byte `send` on a `udp4` socket?',
    },
    options: [
      {
        pt: 'O datagrama chega cortado em 65.507 bytes.',
        en: 'The datagram arrives cut down to 65,507 bytes.',
      },
      { pt: 'Vira dois datagramas.', en: 'It becomes two datagrams.' },
      {
        pt: 'Falha na hora com `EMSGSIZE`, e nada sai, nem um pedaço.',
        en: 'It fails at once with `EMSGSIZE`, and nothing leaves, not even a part.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Acima do limite, o callback do `send` recebe o erro `EMSGSIZE` ("message too long"). No IPv6 os mesmos 65.508 bytes passam, porque lá o limite é 65.527.',
      en: 'Above the limit, the `send` callback gets the error `EMSGSIZE` ("message too long"). Over IPv6 the same 65,508 bytes go through, because the limit there is 65,527.',
    },
    tiedTo: { session: 'datagram-size', match: /udp4 65508 bytes: (\w+)/ },
  },
  {
    kind: 'choice',
    corrects: 'a datagram must fit in one packet',
    question: {
      pt: 'Numa rede Ethernet, com MTU de 1.500 bytes, o que acontece com um datagrama IPv4 que leva 3.000 bytes de dados?',
      en: 'On an Ethernet network, with an MTU of 1,500 bytes, what happens to an IPv4 datagram carrying 3,000 bytes of data?',
    },
    options: [
      { pt: 'É recusado com `EMSGSIZE`.', en: 'It is refused with `EMSGSIZE`.' },
      {
        pt: 'A camada IP o corta em fragmentos; se um só se perder, o datagrama inteiro se perde, sem aviso.',
        en: 'The IP layer cuts it into fragments; if a single one is lost, the whole datagram is lost, with no warning.',
      },
      {
        pt: "Chega em dois eventos `'message'`.",
        en: "It arrives in two `'message'` events.",
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Acima de 1.472 bytes de dados (1.500 − 20 − 8), o IPv4 fragmenta. O receptor só entrega o datagrama se todos os fragmentos chegarem, e alguns firewalls e roteadores com NAT descartam fragmentos. Por isso a regra prática é não passar de uns 1.200 bytes por datagrama.',
      en: 'Above 1,472 bytes of data (1,500 − 20 − 8), IPv4 fragments. The receiver delivers the datagram only if every fragment arrives, and some firewalls and NAT routers drop fragments. Hence the rule of thumb: stay under about 1,200 bytes per datagram.',
    },
  },
  {
    kind: 'number',
    question: {
      pt: 'No loopback do Linux, em quantos fragmentos vai um datagrama `udp6` com 65.489 bytes de dados?',
      en: "On Linux's loopback, in how many fragments does a `udp6` datagram with 65,489 bytes of data travel?",
    },
    answer: 2,
    explanation: {
      pt: 'O MTU do `lo` é 65.536 bytes, e num pacote IPv6 cabem 65.536 − 40 − 8 = 65.488 bytes de dados. Um byte a mais, e o datagrama vira 2 fragmentos, que o receptor junta antes de entregar: o programa recebe o datagrama inteiro, e a fragmentação passa despercebida.',
      en: 'The MTU of `lo` is 65,536 bytes, and an IPv6 packet holds 65,536 − 40 − 8 = 65,488 bytes of data. One byte more, and the datagram becomes 2 fragments, which the receiver joins before delivering: the program gets the whole datagram, and the fragmentation goes unnoticed.',
    },
    tiedTo: { session: 'fragments', match: /udp6 65489 bytes: sent in (\d+) fragments/ },
  },
  {
    kind: 'choice',
    corrects: 'a reader always gets the whole datagram',
    question: {
      pt: 'Em Python, `recvfrom(2048)` recebe um datagrama de 3.000 bytes. O que acontece?',
      en: 'In Python, `recvfrom(2048)` receives a 3,000-byte datagram. What happens?',
    },
    options: [
      {
        pt: 'Devolve 2.048 bytes e descarta o resto, sem erro nenhum.',
        en: 'It returns 2,048 bytes and drops the rest, with no error at all.',
      },
      { pt: 'Devolve os 3.000 bytes mesmo assim.', en: 'It returns all 3,000 bytes anyway.' },
      {
        pt: 'Lança uma exceção, e o datagrama fica na fila para uma leitura maior.',
        en: 'It raises an exception, and the datagram stays queued for a larger read.',
      },
    ],
    answer: 0,
    explanation: {
      pt: "No Linux e no macOS, o sistema entrega os primeiros 2.048 bytes e joga fora os outros 952: o datagrama já foi consumido. O Node não tem esse problema, porque o evento `'message'` sempre traz o datagrama inteiro; mas um cliente em C ou Python que converse com o seu servidor pode ter.",
      en: "On Linux and macOS the system hands over the first 2,048 bytes and throws away the other 952: the datagram is already consumed. Node does not have this problem, since a `'message'` event always carries the whole datagram; but a C or Python client talking to your server may.",
    },
    tiedTo: { session: 'python-truncates', match: /got (\d+) of 3000 bytes/ },
  },
]);
