import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Na porta 12001, o firewall descarta o 1º, o 4º, o 7º… datagrama. Em que tentativa o primeiro cliente que tenta de novo recebe o eco?',
      en: 'On port 12001, the firewall drops the 1st, the 4th, the 7th… datagram. On which attempt does the first client that tries again get its echo?',
    },
    answer: 2,
    explanation: {
      pt: 'A primeira tentativa é o 1º datagrama, que se perde. Depois de 200 ms sem resposta, o cliente manda o mesmo datagrama de novo, e o 2º passa.',
      en: 'The first attempt is the 1st datagram, which is lost. After 200 ms with no answer, the client sends the same datagram again, and the 2nd gets through.',
    },
    tiedTo: {
      session: 'loss-udp',
      terminal: 'client',
      match: /received 4 bytes back on attempt (\d+)/,
    },
  },
  {
    kind: 'number',
    corrects: 'the server finds out when a datagram was lost',
    question: {
      pt: 'Os três clientes mandaram cinco datagramas ao todo. Quantos o servidor registrou?',
      en: 'The three clients sent five datagrams in all. How many did the server log?',
    },
    answer: 3,
    explanation: {
      pt: 'Os dois datagramas descartados pelo firewall nunca chegam a programa nenhum: para o servidor, cada cliente mandou um `ping` só. Quem percebe a perda é o cliente, e só porque a resposta não veio no prazo.',
      en: 'The two datagrams the firewall dropped never reach any program: as far as the server knows, each client sent a single `ping`. The one who notices the loss is the client, and only because the answer did not come in time.',
    },
    tiedTo: { session: 'loss-udp', terminal: 'server', count: /"ping"/g },
  },
  {
    kind: 'number',
    question: {
      pt: 'Na captura da sessão do TCP, quantas vezes o notebook manda o segmento `seq 1:101`?',
      en: 'In the TCP session’s capture, how many times does the laptop send the segment `seq 1:101`?',
    },
    answer: 2,
    explanation: {
      pt: 'O primeiro se perde no firewall. Sem o ACK, o timer de retransmissão dispara, e o kernel manda o mesmo segmento, com o mesmo número de sequência; o segundo passa.',
      en: 'The first is lost at the firewall. With no ACK, the retransmission timer goes off, and the kernel sends the same segment, with the same sequence number; the second gets through.',
    },
    tiedTo: {
      session: 'loss-tcp',
      terminal: 'capture',
      count: /192\.168\.0\.10\.\S+ > 192\.168\.0\.80\.12001: Flags \[P\.\], seq 1:101,/g,
    },
  },
  {
    kind: 'choice',
    corrects: 'a program using TCP must handle lost packets',
    question: {
      pt: 'O que o programa do notebook vê do segmento TCP perdido?',
      en: 'What does the laptop’s program see of the lost TCP segment?',
    },
    options: [
      {
        pt: 'Um evento `error` com `ECONNRESET`, e ele precisa mandar de novo.',
        en: 'An `error` event with `ECONNRESET`, and it must send again.',
      },
      {
        pt: 'Os bytes voltam com um buraco no meio, onde estava o segmento perdido.',
        en: 'The bytes come back with a hole in the middle, where the lost segment was.',
      },
      {
        pt: 'Nada: os 100 bytes voltam inteiros, só um pouco mais tarde.',
        en: 'Nothing: the 100 bytes come back whole, only a little later.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Reenviar o que se perdeu é trabalho do kernel: o programa escreve e lê um fluxo de bytes que chega inteiro e em ordem. Só se nada passar por muito tempo a conexão termina, com `ETIMEDOUT`.',
      en: 'Sending again what was lost is the kernel’s job: the program writes and reads a stream of bytes that arrives whole and in order. Only if nothing gets through for a long time does the connection end, with `ETIMEDOUT`.',
    },
    tiedTo: {
      session: 'loss-tcp',
      terminal: 'client',
      match: /tcp 100 bytes: (\d+) bytes came back/,
    },
  },
]);
