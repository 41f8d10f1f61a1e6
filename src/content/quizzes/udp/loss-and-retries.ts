import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'unreliable means UDP delivers corrupted data',
    question: {
      pt: 'O que quer dizer o UDP ser "não confiável"?',
      en: 'What does it mean that UDP is "unreliable"?',
    },
    options: [
      {
        pt: 'Que ele entrega bytes trocados sem perceber, porque não confere nada.',
        en: 'That it delivers garbled bytes without noticing, because it checks nothing.',
      },
      {
        pt: 'Que ele não retransmite, não põe os datagramas em ordem, não descarta duplicados e não tem controle de fluxo nem de congestionamento.',
        en: 'That it does not retransmit, does not put datagrams in order, does not drop duplicates and has no flow or congestion control.',
      },
      {
        pt: 'Que os datagramas sempre chegam, mas às vezes fora de ordem.',
        en: 'That datagrams always arrive, but sometimes out of order.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Cada datagrama leva um checksum, e o receptor descarta o que não confere. Um datagrama pode sumir sem que ninguém avise: perceber a falta e pedir de novo é trabalho da aplicação.',
      en: "Each datagram carries a checksum, and the receiver drops what does not add up. A datagram can vanish without anyone saying so: noticing and asking again is the application's job.",
    },
  },
  {
    kind: 'choice',
    question: {
      pt: '`"pay 1234"` e `"pay 3412"`, enviados da mesma porta para a mesma porta, têm o mesmo checksum UDP?',
      en: 'Do `"pay 1234"` and `"pay 3412"`, sent from the same port to the same port, have the same UDP checksum?',
    },
    options: [
      {
        pt: 'Sim, `0xc1b1` nos dois: trocar de lugar dois trechos de 16 bits não muda a soma.',
        en: 'Yes, `0xc1b1` for both: swapping two 16-bit pieces does not change the sum.',
      },
      {
        pt: 'Não: qualquer mudança nos bytes muda o checksum.',
        en: 'No: any change in the bytes changes the checksum.',
      },
      {
        pt: 'Não dá para saber: o checksum muda a cada envio.',
        en: 'There is no telling: the checksum changes with every send.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'O checksum soma os bytes de 16 em 16 bits, e uma soma não depende da ordem das parcelas. Ele pega a maioria dos erros acidentais, não todos, e não protege contra quem altera o datagrama de propósito: contra isso existe a criptografia, como a do TLS.',
      en: 'The checksum adds the bytes 16 bits at a time, and a sum does not depend on the order of its terms. It catches most accidental errors, not all, and gives no protection against someone who changes the datagram on purpose: that takes cryptography, such as TLS.',
    },
    tiedTo: { session: 'checksum', match: /"pay 3412"\s+checksum (0x[0-9a-f]+)/ },
  },
  {
    kind: 'number',
    question: {
      pt: 'Na transcrição, o servidor perde os dois primeiros datagramas. Quanto tempo o cliente espera pela resposta na tentativa 3?',
      en: 'In the transcript, the server loses the first two datagrams. How long does the client wait for the reply on attempt 3?',
    },
    answer: 800,
    unit: { pt: 'ms', en: 'ms' },
    explanation: {
      pt: 'A espera dobra a cada tentativa: 200, 400, 800 ms. É o recuo exponencial que a RFC 8085 pede: se a perda veio de congestionamento, insistir no mesmo ritmo só piora, e espaçar as tentativas dá tempo para a rede se recuperar.',
      en: 'The wait doubles on every attempt: 200, 400, 800 ms. This is the exponential backoff RFC 8085 asks for: if congestion caused the loss, insisting at the same pace makes it worse, and spacing the attempts gives the network time to recover.',
    },
    tiedTo: { session: 'udp-retry', match: /attempt 3 of \d+: [^\n]*waiting up to (\d+) ms/ },
  },
  {
    kind: 'choice',
    corrects: 'connect() on UDP makes a handshake',
    question: {
      pt: 'Sem servidor nenhum, o cliente roda com `--connect`. Em que tentativa ele desiste, e por quê?',
      en: 'With no server at all, the client runs with `--connect`. On which attempt does it give up, and why?',
    },
    options: [
      {
        pt: 'Na última, pelo timeout: um socket UDP nunca fica sabendo de nada.',
        en: 'On the last, at the timeout: a UDP socket never learns anything.',
      },
      {
        pt: 'Antes de enviar: o `connect()` do UDP faz um handshake, e o handshake falha.',
        en: "Before sending: UDP's `connect()` makes a handshake, and the handshake fails.",
      },
      {
        pt: 'Na primeira, com `ECONNREFUSED`: o aviso ICMP port unreachable chega ao socket conectado.',
        en: 'On the first, with `ECONNREFUSED`: the ICMP port unreachable reaches the connected socket.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'No UDP, `connect()` não envia nada: só fixa o outro lado (a saída diz `nothing sent yet`). O datagrama chega a uma porta fechada, a máquina responde com ICMP port unreachable, e o sistema entrega o aviso ao socket conectado como `ECONNREFUSED`. Não conte com ele fora do loopback: firewalls costumam bloquear esse ICMP.',
      en: 'On UDP, `connect()` sends nothing: it only fixes the other end (the output says `nothing sent yet`). The datagram reaches a closed port, the machine answers with ICMP port unreachable, and the system hands the notice to the connected socket as `ECONNREFUSED`. Do not count on it off the loopback: firewalls often block that ICMP.',
    },
    tiedTo: {
      session: 'udp-retry-no-server',
      match: /attempt 1 of \d+[^\n]*\nrecvmsg (E[A-Z]+)/,
    },
  },
  {
    kind: 'number',
    corrects: 'retrying is always harmless',
    question: {
      pt: 'A resposta ao `deposit 10` se perdeu no caminho de volta, e o cliente tentou de novo. Quantas vezes o servidor tratou o depósito?',
      en: 'The reply to `deposit 10` was lost on its way back, and the client tried again. How many times did the server handle the deposit?',
    },
    answer: 2,
    unit: { pt: 'vezes', en: 'times' },
    explanation: {
      pt: 'O servidor tratou a primeira requisição; só a resposta se perdeu. O cliente não tem como saber disso, envia de novo, e o dinheiro entra duas vezes. Uma requisição que não é idempotente precisa de um identificador que o servidor reconheça, como no exercício.',
      en: 'The server handled the first request; only the reply was lost. The client has no way to know that, sends again, and the money goes in twice. A request that is not idempotent needs an identifier the server recognises, as in the exercise.',
    },
    tiedTo: {
      session: 'udp-retry-duplicate',
      terminal: 'server',
      count: /"deposit 10", (?:handled|echoed)/g,
    },
  },
]);
