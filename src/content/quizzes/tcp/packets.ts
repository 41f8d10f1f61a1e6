import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'O cliente TCP tenta conectar numa porta onde ninguém escuta. Quantos pacotes a captura mostra?',
      en: 'The TCP client tries to connect to a port where nobody listens. How many packets does the capture show?',
    },
    answer: 2,
    explanation: {
      pt: 'O SYN do cliente e o RST com que o kernel responde, `[R.]`, sem programa nenhum do outro lado. O cliente recebe `ECONNREFUSED` na hora.',
      en: "The client's SYN and the RST the kernel answers with, `[R.]`, with no program at the other end. The client gets `ECONNREFUSED` at once.",
    },
    tiedTo: { capture: 'capture-refused', packets: () => true },
  },
  {
    kind: 'number',
    corrects: 'closing a connection always takes four segments',
    question: {
      pt: 'Na primeira captura da lição, quantos pacotes fecham a conexão, do primeiro FIN ao último ACK?',
      en: "In the lesson's first capture, how many packets close the connection, from the first FIN to the last ACK?",
    },
    answer: 3,
    explanation: {
      pt: 'O FIN do servidor (pacote 9), o ACK e o FIN do cliente num segmento só (10) e o último ACK (11). Os livros costumam desenhar quatro segmentos, FIN, ACK, FIN, ACK; aqui o ACK e o FIN do cliente viajaram juntos.',
      en: "The server's FIN (packet 9), the client's ACK and FIN in a single segment (10), and the last ACK (11). Books usually draw four segments, FIN, ACK, FIN, ACK; here the client's ACK and FIN travelled together.",
    },
    tiedTo: {
      capture: 'capture-handshake',
      packets: (_, i, all) => i >= all.findIndex((p) => p.flags.includes('FIN')),
    },
  },
  {
    kind: 'choice',
    corrects: 'an ACK means a program read the bytes',
    question: {
      pt: 'Quem escreveu o ACK do pacote 5, que confirma o `welcome\\n` do servidor?',
      en: "Who wrote the ACK in packet 5, which confirms the server's `welcome\\n`?",
    },
    options: [
      {
        pt: 'O kernel do cliente: nenhum programa do curso escreve ACKs.',
        en: "The client's kernel: no program in the course writes ACKs.",
      },
      {
        pt: 'O `leave-client.ts`, depois de ler a linha.',
        en: '`leave-client.ts`, after reading the line.',
      },
      {
        pt: 'O servidor, confirmando o próprio envio.',
        en: 'The server, confirming its own send.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'Confirmar é trabalho do TCP, no kernel. Um ACK diz que os bytes chegaram à memória da outra máquina, não que um programa os leu.',
      en: "Acknowledging is TCP's job, in the kernel. An ACK says the bytes reached the other machine's memory, not that a program read them.",
    },
  },
  {
    kind: 'number',
    question: {
      pt: 'O cliente UDP envia `olá` ao servidor de eco. Quantos pacotes a captura mostra?',
      en: 'The UDP client sends `olá` to the echo server. How many packets does the capture show?',
    },
    answer: 2,
    explanation: {
      pt: 'O datagrama de ida e o eco de volta, 4 bytes cada: sem handshake, sem ACK e sem FIN. Se um dos dois se perdesse, ninguém o enviaria de novo.',
      en: 'The datagram out and the echo back, 4 bytes each: no handshake, no ACK and no FIN. If either were lost, nobody would send it again.',
    },
    tiedTo: { capture: 'capture-udp', packets: () => true },
  },
  {
    kind: 'choice',
    corrects: 'UDP never loses on the loopback',
    question: {
      pt: 'Um datagrama UDP pode se perder no loopback?',
      en: 'Can a UDP datagram be lost on the loopback?',
    },
    options: [
      {
        pt: 'Pode: o loopback em si não perde pacotes, mas, quando quem recebe lê devagar demais e o buffer do socket enche, o kernel descarta os datagramas seguintes.',
        en: "It can: the loopback itself loses no packets, but when the receiver reads too slowly and the socket's buffer fills up, the kernel drops the datagrams that follow.",
      },
      {
        pt: 'Nunca: ele não sai da memória da própria máquina.',
        en: "Never: it stays in the machine's own memory.",
      },
      {
        pt: 'Pode, ao acaso, como no Wi-Fi.',
        en: 'It can, at random, as on Wi-Fi.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'Por isso um teste que só roda na sua máquina esconde perdas. Numa rede de verdade, há ainda fragmentos perdidos, filas cheias nos roteadores e o Wi-Fi: um cliente UDP precisa de timeout mesmo quando tudo parece funcionar no loopback.',
      en: 'That is why a test that only runs on your machine hides losses. On a real network, lost fragments, full router queues and Wi-Fi add to it: a UDP client needs a timeout even when everything seems to work on the loopback.',
    },
  },
]);
