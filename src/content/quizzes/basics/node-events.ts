import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'a call returns once its work is done',
    question: {
      pt: 'O `server.listen(port, host)` do `node-events.ts` acabou de voltar. O servidor já está escutando?',
      en: 'The `server.listen(port, host)` call in `node-events.ts` has just returned. Is the server listening yet?',
    },
    options: [
      {
        pt: 'Sim: como em Python, a chamada só volta quando a porta está pronta.',
        en: 'Yes: as in Python, the call only returns once the port is ready.',
      },
      {
        pt: 'Ainda não: a chamada só fez o pedido, e a linha `nothing is listening yet` sai antes de o evento `listening` acontecer.',
        en: 'Not yet: the call only asked, and the line `nothing is listening yet` comes out before the `listening` event happens.',
      },
      {
        pt: 'Nunca: sem um callback, o `listen()` não faz nada.',
        en: 'Never: without a callback, `listen()` does nothing.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'No Node, uma chamada de rede faz o pedido e volta na hora; o resultado chega depois, num evento. Por isso o programa espera o `listening` com `await once(server, "listening")` antes de ler a porta.',
      en: 'In Node, a network call makes its request and returns at once; the result comes later, as an event. That is why the program waits for `listening` with `await once(server, "listening")` before it reads the port.',
    },
    tiedTo: {
      session: 'node-events',
      match: /^1\. listen\(\) returned: (nothing is listening yet)$/m,
    },
  },
  {
    kind: 'choice',
    corrects: 'an event with no listener is simply ignored',
    question: {
      pt: "Um socket emite `'error'`, e ninguém registrou um listener para esse evento. O que o Node faz?",
      en: "A socket emits `'error'`, and nobody registered a listener for that event. What does Node do?",
    },
    options: [
      {
        pt: 'Nada: um evento sem listener é ignorado, como qualquer outro.',
        en: 'Nothing: an event with no listener is ignored, like any other.',
      },
      {
        pt: 'Tenta de novo a operação que falhou, até dar certo.',
        en: 'It retries the operation that failed until it works.',
      },
      {
        pt: 'Lança o erro, e o processo inteiro termina.',
        en: 'It throws the error, and the whole process ends.',
      },
    ],
    answer: 2,
    explanation: {
      pt: "O `'error'` é o único evento com essa regra. Os exemplos do curso contam com ela para terminar numa linha quando não sabem o que fazer, e um servidor registra `'error'` em cada conexão para que um cliente com problema não derrube os outros.",
      en: "`'error'` is the one event with that rule. The course's examples rely on it to end in one line when they cannot go on, and a server registers `'error'` on each connection so that one client in trouble does not bring the others down.",
    },
  },
  {
    kind: 'choice',
    corrects: 'callbacks run in a random order',
    question: {
      pt: "Na transcrição, por que a linha do `connect()` sai antes da linha do listener de `'connection'`?",
      en: "In the transcript, why does the `connect()` line come before the line of the `'connection'` listener?",
    },
    options: [
      {
        pt: 'Por acaso: numa outra execução, a ordem pode se inverter.',
        en: 'By chance: on another run, the order may be the other way round.',
      },
      {
        pt: 'Porque o `connect()` só começa a conectar e volta, e `connect() returned: not connected yet` sai na hora; o listener roda depois, quando o event loop vê o cliente chegar.',
        en: 'Because `connect()` only starts connecting and returns, and `connect() returned: not connected yet` comes out at once; the listener runs later, when the event loop sees the client arrive.',
      },
      {
        pt: 'Porque o servidor espera 100 ms antes de aceitar cada conexão.',
        en: 'Because the server waits 100 ms before accepting each connection.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'Enquanto o código de `main()` roda, nenhum callback roda. O listener só pode ser chamado depois que `main()` chega ao próximo `await` e devolve a vez ao event loop. Por isso a ordem das linhas é a mesma em toda execução.',
      en: 'While the code of `main()` runs, no callback does. The listener can only be called once `main()` reaches its next `await` and hands control back to the event loop. That is why the lines come in the same order on every run.',
    },
    tiedTo: { session: 'node-events', match: /^3\. (connect\(\) returned: not connected yet)$/m },
  },
  {
    kind: 'choice',
    question: {
      pt: "Qual a diferença entre `server.on('connection', fn)` e `await once(server, 'connection')`?",
      en: "What is the difference between `server.on('connection', fn)` and `await once(server, 'connection')`?",
    },
    options: [
      {
        pt: 'Nenhuma: as duas formas chamam o código a cada conexão.',
        en: 'None: both forms run the code on every connection.',
      },
      {
        pt: 'O `on` registra um listener chamado a cada conexão; o `await once` espera só a próxima e segue em frente.',
        en: '`on` registers a listener called on every connection; `await once` waits for the next one only and moves on.',
      },
      {
        pt: 'O `await once` para o programa inteiro até a conexão chegar.',
        en: '`await once` stops the whole program until the connection arrives.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O `once` cria uma promise que se cumpre uma vez, no próximo evento. E o `await` suspende só a função `async` em que está: o event loop continua chamando os outros listeners e callbacks. O exercício desta lição é justamente trocar um pelo outro.',
      en: "`once` makes a promise fulfilled once, on the next event. And `await` suspends only the `async` function it sits in: the event loop goes on calling the other listeners and callbacks. This lesson's exercise is exactly to swap one for the other.",
    },
  },
]);
