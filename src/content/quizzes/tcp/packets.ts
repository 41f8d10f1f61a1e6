import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Abra o `capture-handshake.pcap`, o arquivo da primeira captura, no Wireshark (ou olhe o desenho dela). Em que pacote o servidor confirma o FIN do cliente?',
      en: "Open `capture-handshake.pcap`, the file of the first capture, in Wireshark (or look at its drawing). In which packet does the server acknowledge the client's FIN?",
    },
    answer: 11,
    explanation: {
      pt: 'No pacote 11: um `[ACK]` do servidor com `Ack=7`. O FIN do cliente, no pacote 10, tem `Seq=6`, e um FIN conta como um byte: quem o recebeu espera o 7. O filtro `tcp.flags.fin == 1` mostra só os dois FINs, 9 e 10; o número do pacote continua o mesmo com o filtro.',
      en: "In packet 11: an `[ACK]` from the server with `Ack=7`. The client's FIN, in packet 10, has `Seq=6`, and a FIN counts as one byte: whoever received it expects byte 7. The filter `tcp.flags.fin == 1` shows only the two FINs, 9 and 10; a packet keeps its number under the filter.",
    },
    tiedTo: {
      capture: 'capture-handshake',
      packet: (p, _, all) => {
        const fin = all.find((q) => q.from === 'client' && q.flags.includes('FIN'));
        return p.from === 'server' && fin !== undefined && Number(p.ack) === Number(fin.seq) + 1;
      },
    },
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
      pt: 'No `capture-half-close.pcap` (ou no desenho da meia conexão), em que pacote o servidor manda as linhas ordenadas, depois do FIN do cliente?',
      en: "In `capture-half-close.pcap` (or in the half-close drawing), in which packet does the server send the sorted lines, after the client's FIN?",
    },
    answer: 7,
    explanation: {
      pt: 'No pacote 7: `[PSH, ACK]` do servidor com `Len=17`, os mesmos 17 bytes que o cliente mandou no pacote 4, agora em ordem. O FIN do cliente veio antes, no pacote 6: o sentido do servidor para o cliente continuava aberto. No Wireshark, Analyze › Follow › TCP Stream mostra as duas direções como texto.',
      en: "In packet 7: `[PSH, ACK]` from the server with `Len=17`, the same 17 bytes the client sent in packet 4, now in order. The client's FIN came before, in packet 6: the direction from the server to the client was still open. In Wireshark, Analyze › Follow › TCP Stream shows both directions as text.",
    },
    tiedTo: {
      capture: 'capture-half-close',
      packet: (p, i, all) =>
        p.from === 'server' &&
        p.length > 0 &&
        i > all.findIndex((q) => q.from === 'client' && q.flags.includes('FIN')),
    },
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
