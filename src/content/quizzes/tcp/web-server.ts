import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Que número vai no `Content-Length` da resposta cujo corpo é `Olá, mundo!\\n`?',
      en: 'What number goes in the `Content-Length` of the response whose body is `Olá, mundo!\\n`?',
    },
    answer: 13,
    unit: { pt: 'bytes', en: 'bytes' },
    explanation: {
      pt: 'São 12 caracteres, mas o `á` ocupa 2 bytes em UTF-8. `body.length` daria 12, e o cliente perderia o `\\n` do fim sem perceber; `Buffer.byteLength(body)` dá 13.',
      en: 'That is 12 characters, but `á` takes 2 bytes in UTF-8. `body.length` would give 12, and the client would lose the final `\\n` without noticing; `Buffer.byteLength(body)` gives 13.',
    },
    tiedTo: { session: 'http-curl', terminal: 'client', match: /Content-Length: (\d+)/ },
  },
  {
    kind: 'choice',
    corrects: 'the web server comes after UDP, so it runs over UDP',
    question: {
      pt: 'Sobre que protocolo de transporte roda o HTTP/1.1 do servidor desta lição?',
      en: "Over which transport protocol does this lesson's HTTP/1.1 server run?",
    },
    options: [
      {
        pt: 'UDP, como o eco do começo do curso.',
        en: 'UDP, like the echo at the start of the course.',
      },
      {
        pt: 'TCP: uma conexão, uma requisição em texto, e a resposta pela mesma conexão.',
        en: 'TCP: a connection, a request in text, and the response over the same connection.',
      },
      { pt: 'Nenhum: o HTTP fala direto com o IP.', en: 'None: HTTP talks to IP directly.' },
    ],
    answer: 1,
    explanation: {
      pt: 'O HTTP/1.1 precisa de um fluxo de bytes confiável e em ordem, e isso é o TCP. O HTTP/3 roda sobre UDP, mas dentro do QUIC, um protocolo com criptografia e retransmissão próprias.',
      en: 'HTTP/1.1 needs a reliable, ordered stream of bytes, and that is TCP. HTTP/3 runs over UDP, but inside QUIC, a protocol with its own encryption and retransmission.',
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'O que o servidor responde a um `GET / HTTP/1.1` sem o cabeçalho `Host`?',
      en: 'What does the server answer to a `GET / HTTP/1.1` without the `Host` header?',
    },
    options: [
      { pt: '`200 OK`: o `Host` é opcional.', en: '`200 OK`: `Host` is optional.' },
      {
        pt: '`400 Bad Request`: no HTTP/1.1, o `Host` é obrigatório.',
        en: '`400 Bad Request`: in HTTP/1.1, `Host` is required.',
      },
      { pt: '`404 Not Found`.', en: '`404 Not Found`.' },
    ],
    answer: 1,
    explanation: {
      pt: 'É o `Host` que deixa vários sites dividirem o mesmo IP e a mesma porta, e um servidor deve responder 400 a uma requisição HTTP/1.1 sem ele. O nosso explica o motivo no próprio corpo da resposta.',
      en: 'It is `Host` that lets several sites share one IP address and port, and a server must answer 400 to an HTTP/1.1 request without it. Ours gives the reason in the response body itself.',
    },
    tiedTo: {
      session: 'http-raw',
      match: /(\d{3}) Bad Request: HTTP\/1\.1 requires a Host header/,
    },
  },
  {
    kind: 'choice',
    corrects: 'a server can keep whatever a client sends',
    question: {
      pt: 'Um cliente manda cabeçalhos sem parar e nunca manda a linha vazia. O que o servidor faz?',
      en: 'A client sends headers without end and never sends the blank line. What does the server do?',
    },
    options: [
      {
        pt: 'Passados 8 KiB sem a linha vazia, responde `431 Request Header Fields Too Large` e descarta o resto.',
        en: 'Past 8 KiB without the blank line, it answers `431 Request Header Fields Too Large` and drops the rest.',
      },
      {
        pt: 'Guarda os bytes até a linha vazia chegar, por mais que demore.',
        en: 'It keeps the bytes until the blank line comes, however long that takes.',
      },
      {
        pt: 'Espera o cliente fechar a conexão para responder.',
        en: 'It waits for the client to close the connection before it answers.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'Acumular sem limite seria um convite para derrubar o servidor. O limite, `MAX_HEAD_BYTES`, é conferido a cada pedaço, então o que fica guardado passa de 8 KiB no máximo pelo tamanho de uma leitura do Node. O servidor HTTP do próprio Node aceita até 16 KiB.',
      en: "Keeping bytes without a limit would invite anyone to bring the server down. The limit, `MAX_HEAD_BYTES`, is checked after each chunk, so what is kept goes past 8 KiB by one read of Node at most. Node's own HTTP server accepts up to 16 KiB.",
    },
    tiedTo: {
      example: 'http-server.ts',
      region: 'limits',
      match: /MAX_HEAD_BYTES = (\d+) \* 1024/,
    },
  },
  {
    kind: 'choice',
    corrects: 'TCP marks where a response ends',
    question: {
      pt: 'Por que o servidor manda `Connection: close` e fecha a conexão depois de cada resposta?',
      en: 'Why does the server send `Connection: close` and close the connection after each response?',
    },
    options: [
      {
        pt: 'Porque o HTTP/1.1 não permite conexões persistentes.',
        en: 'Because HTTP/1.1 does not allow persistent connections.',
      },
      {
        pt: 'Porque o TCP fecha a conexão sozinho depois de cada mensagem.',
        en: 'Because TCP closes the connection by itself after each message.',
      },
      {
        pt: 'Por simplicidade: uma requisição por conexão poupa o servidor de descobrir onde uma requisição termina e a próxima começa.',
        en: 'For simplicity: one request per connection spares the server from finding where one request ends and the next begins.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'No HTTP/1.1 a conexão é persistente por padrão. Numa conexão que continua aberta, é o `Content-Length` que diz onde cada resposta termina, porque o TCP não marca fronteiras entre mensagens.',
      en: 'In HTTP/1.1 connections are persistent by default. On a connection that stays open, it is `Content-Length` that says where each response ends, because TCP marks no boundaries between messages.',
    },
  },
]);
