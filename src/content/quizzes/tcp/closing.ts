import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: "after the client's FIN, a Node server can always write",
    question: {
      pt: 'Um servidor Node com o padrão, `allowHalfOpen: false`, recebe o FIN do cliente e só responde depois de um `await`. O que acontece?',
      en: "A Node server with the default, `allowHalfOpen: false`, gets the client's FIN and only answers after an `await`. What happens?",
    },
    options: [
      {
        pt: 'A resposta chega normalmente: o FIN só fecha o sentido do cliente.',
        en: "The answer arrives as usual: the FIN only closes the client's direction.",
      },
      {
        pt: 'O Node espera a resposta ser escrita e só então fecha.',
        en: 'Node waits for the answer to be written and only then closes.',
      },
      {
        pt: 'A escrita falha com `EPIPE`: o Node já fechou o lado do servidor, e o cliente recebe o FIN sem nenhum byte antes.',
        en: "The write fails with `EPIPE`: Node has already closed the server's side, and the client gets the FIN with no byte before it.",
      },
    ],
    answer: 2,
    explanation: {
      pt: "No TCP, quem recebeu o FIN ainda pode enviar. No Node, só com `allowHalfOpen: true`: com o padrão, assim que os listeners de `'end'` terminam, o Node chama `end()` sozinho. Uma resposta escrita dentro do listener ainda sai; uma que depende de um `await` chega tarde demais.",
      en: "In TCP, the side that got the FIN may still send. In Node, only with `allowHalfOpen: true`: by default, as soon as the `'end'` listeners return, Node calls `end()` by itself. An answer written inside the listener still goes out; one that waits on an `await` comes too late.",
    },
    tiedTo: { session: 'closing-no-half-open', match: /error: [^\n]*\((E[A-Z]+)\)/ },
  },
  {
    kind: 'choice',
    question: {
      pt: 'O cliente vai embora com `resetAndDestroy()`. O que o servidor vê?',
      en: 'The client leaves with `resetAndDestroy()`. What does the server see?',
    },
    options: [
      {
        pt: "Um `'end'` comum, como com `end()`.",
        en: "An ordinary `'end'`, as with `end()`.",
      },
      {
        pt: "Um erro `ECONNRESET` e depois `'close'`: chegou um RST, não um FIN.",
        en: "An `ECONNRESET` error, then `'close'`: an RST arrived, not a FIN.",
      },
      {
        pt: 'Nada, até o timeout de inatividade.',
        en: 'Nothing, until the idle timeout.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Um RST não quer dizer "terminei", e sim "esta conexão não vale mais", e os bytes que ainda não tinham saído são descartados. Use o RST para abortar, por exemplo diante de um cliente que viola o protocolo, nunca como o jeito normal de encerrar.',
      en: 'An RST does not mean "I am done" but "this connection is void", and the bytes that had not left yet are thrown away. Use an RST to abort, for example on a client that breaks the protocol, never as the normal way to finish.',
    },
    tiedTo: { session: 'closing-leave', match: /'error': (E[A-Z]+)/ },
  },
  {
    kind: 'choice',
    corrects: 'server.close() ends the open connections',
    question: {
      pt: 'O servidor chama `server.close()` com o cliente A ainda conectado. O que acontece com A e com um cliente novo, B?',
      en: 'The server calls `server.close()` while client A is still connected. What happens to A and to a new client, B?',
    },
    options: [
      {
        pt: 'A é desconectado na hora; B conecta normalmente.',
        en: 'A is disconnected at once; B connects as usual.',
      },
      {
        pt: "A continua sendo atendido; B recebe `ECONNREFUSED`; e o `'close'` do servidor só vem quando A sai.",
        en: "A is still served; B gets `ECONNREFUSED`; and the server's `'close'` only comes once A leaves.",
      },
      {
        pt: 'Os dois esperam até o servidor voltar a escutar.',
        en: 'Both wait until the server listens again.',
      },
    ],
    answer: 1,
    explanation: {
      pt: "`server.close()` fecha só o socket de escuta: nenhuma conexão nova é aceita. As que já estão abertas continuam, e o evento `'close'` do servidor espera a última terminar.",
      en: "`server.close()` closes only the listening socket: no new connection is accepted. The open ones carry on, and the server's `'close'` event waits for the last one to end.",
    },
    tiedTo: { session: 'closing-server-close', match: /client B: (E[A-Z]+)/ },
  },
  {
    kind: 'choice',
    corrects: 'a port is free as soon as the server exits',
    question: {
      pt: 'O `watch-server.ts` fechou primeiro uma conexão e depois saiu. Logo em seguida, um `socket()` e um `bind()` simples, em Python, na mesma porta:',
      en: '`watch-server.ts` closed a connection first and then exited. Right after, a plain `socket()` and `bind()` in Python, on the same port:',
    },
    options: [
      {
        pt: 'falham com `Address already in use`: a conexão em TIME_WAIT, que é do sistema e não do processo, ainda usa a porta.',
        en: 'fail with `Address already in use`: the connection in TIME_WAIT, which belongs to the system and not to the process, still uses the port.',
      },
      {
        pt: 'dão certo: o processo acabou, e a porta ficou livre.',
        en: 'work: the process is gone, and the port is free.',
      },
      {
        pt: 'ficam bloqueados até a porta ficar livre.',
        en: 'block until the port is free.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'Quem manda o primeiro FIN fica com a conexão em TIME_WAIT depois do fim: 60 segundos no Linux. Com `SO_REUSEADDR`, o bind aceita a porta mesmo assim; o Node liga essa opção em todo servidor TCP, e por isso o `watch-server.ts` reiniciou na hora.',
      en: 'Whoever sends the first FIN keeps the connection in TIME_WAIT after the end: 60 seconds on Linux. With `SO_REUSEADDR` the bind accepts the port anyway; Node sets that option on every TCP server, which is why `watch-server.ts` restarted at once.',
    },
    tiedTo: {
      session: 'closing-restart',
      match: /OSError: \[Errno \d+\] (Address already in use)/,
    },
  },
]);
