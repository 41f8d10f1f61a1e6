import { setTimeout as sleep } from 'node:timers/promises';
import {
  SLACK,
  brief,
  defineClientExercise,
  fail,
  outcome,
  ranWith,
  show,
  type Connection,
  type LearnerClient,
  type Ran,
  type Text,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- http-client` verifies. Each check starts a web server of its own, which
// waits for the request's empty line, then answers as the check says: in pieces, keeping the
// connection open, closing it early… The program asks for /hello.
const PAUSE = 100 * SLACK; // between the pieces of a response, so that they arrive apart
const TIMEOUT = 1000; // the --timeout each run gets (times CHECK_SLACK: a busy machine is slower)
const END_OF_HEAD = /\r?\n\r?\n/; // the request's empty line (its line ends are the first check's business)

/** Write `pieces`, PAUSE apart. */
async function inPieces(connection: Connection, pieces: string[]) {
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await sleep(PAUSE);
    await connection.send(piece);
  }
}

/**
 * Run the program against a server that reads the request head, then does `answer`; the
 * request it received, and the run.
 */
async function get(
  learner: LearnerClient,
  scene: Text | undefined,
  answer: (connection: Connection) => Promise<void>,
) {
  const server = await learner.serve(async (connection) => {
    await connection.read({ enough: (bytes) => END_OF_HEAD.test(bytes.toString('latin1')) });
    await answer(connection);
  });
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(server.port),
    '--timeout',
    String(TIMEOUT * SLACK),
  ];
  const ran = await learner.run([...args, '/hello'], { scene });
  const request = server.connections[0]?.received().toString('latin1') ?? '';
  return { ran, did: ranWith(ran.args, scene), request };
}

/** Run against a server that answers `pieces` (then closes, unless `keepOpen`): the program must print `expected`, exit code 0. */
async function expectOutput(
  learner: LearnerClient,
  scene: Text,
  pieces: string[],
  expected: string,
  { keepOpen = false } = {},
) {
  const { ran, did } = await get(learner, scene, async (c) => {
    await inPieces(c, pieces);
    if (!keepOpen) c.end();
  });
  if (ran.code !== 0 || ran.stdout !== expected)
    fail(
      did,
      {
        pt: `código de saída 0, stdout ${brief(expected)}`,
        en: `exit code 0, stdout ${brief(expected)}`,
      },
      outcome(ran),
    );
}

/** A response: the status line, the header lines and the body. */
const response = (headers: string[], body: string) =>
  `HTTP/1.1 200 OK\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`;
const OK = 'HTTP/1.1 200 OK\n';

/** The program fails with one line on stderr and exit code 1, or this check does. */
function expectFailure(ran: Ran, did: Text) {
  const oneLine = ran.stderr.trim() !== '' && !ran.stderr.trim().includes('\n');
  if (ran.code !== 1 || !oneLine)
    fail(
      did,
      { pt: 'uma linha no stderr e código de saída 1', en: 'one line on stderr and exit code 1' },
      outcome(ran),
    );
}

export default defineClientExercise({
  lesson: 'tcp/web-server',
  file: 'client.ts',
  protocol: 'http',
  title: { pt: 'Um cliente HTTP à mão', en: 'An HTTP client by hand' },
  checks: [
    {
      name: {
        pt: 'envia "GET /hello HTTP/1.1", cada linha terminada em \\r\\n, e uma linha vazia no fim',
        en: 'sends "GET /hello HTTP/1.1", each line ending in \\r\\n, and an empty line at the end',
      },
      hint: {
        pt: 'a requisição é texto: `GET ${path} HTTP/1.1\\r\\n`, os cabeçalhos (cada um com \\r\\n) e mais um \\r\\n, a linha vazia que diz ao servidor que os cabeçalhos acabaram.',
        en: 'the request is text: `GET ${path} HTTP/1.1\\r\\n`, the headers (each with \\r\\n) and one more \\r\\n, the empty line that tells the server the headers are over.',
      },
      run: async (learner) => {
        const { ran, did, request } = await get(learner, undefined, async (c) =>
          c.end(response(['Content-Length: 3'], 'hi\n')),
        );
        const head = request.split('\r\n\r\n')[0];
        const wellFormed =
          request.startsWith('GET /hello HTTP/1.1\r\n') &&
          request.endsWith('\r\n\r\n') &&
          !/(?<!\r)\n/.test(head);
        if (!wellFormed)
          fail(
            did,
            {
              pt: 'a requisição "GET /hello HTTP/1.1\\r\\n", cabeçalhos terminados em \\r\\n e "\\r\\n" no fim',
              en: 'the request "GET /hello HTTP/1.1\\r\\n", headers ending in \\r\\n and "\\r\\n" at the end',
            },
            request
              ? { pt: `a requisição ${show(request)}`, en: `the request ${show(request)}` }
              : {
                  pt: `nenhuma requisição; ${outcome(ran).pt}`,
                  en: `no request; ${outcome(ran).en}`,
                },
          );
      },
    },
    {
      name: {
        pt: 'envia o cabeçalho Host, que o HTTP/1.1 exige: "Host: 127.0.0.1:PORTA"',
        en: 'sends the Host header, which HTTP/1.1 requires: "Host: 127.0.0.1:PORT"',
      },
      hint: {
        pt: 'acrescente a linha `Host: ${host}:${port}\\r\\n` depois da linha GET: sem ela, um servidor HTTP/1.1 responde 400 (o http-server.ts da lição também).',
        en: 'add the line `Host: ${host}:${port}\\r\\n` after the GET line: without it, an HTTP/1.1 server answers 400 (so does the lesson’s http-server.ts).',
      },
      run: async (learner) => {
        let port = 0;
        const { did, request } = await get(learner, undefined, async (c) => {
          port = c.local.port;
          c.end(response(['Content-Length: 3'], 'hi\n'));
        });
        const hosts = request
          .split(END_OF_HEAD)[0]
          .split(/\r?\n/)
          .filter((line) => /^host:/i.test(line))
          .map((line) => line.slice(5).trim());
        if (hosts.length !== 1 || !['127.0.0.1', `127.0.0.1:${port}`].includes(hosts[0]))
          fail(
            did,
            {
              pt: `um cabeçalho "Host: 127.0.0.1:${port}"`,
              en: `one header "Host: 127.0.0.1:${port}"`,
            },
            { pt: `a requisição ${show(request)}`, en: `the request ${show(request)}` },
          );
      },
    },
    {
      name: {
        pt: 'lê exatamente Content-Length bytes de corpo (o nome pode vir em minúsculas, content-length) e termina, sem esperar o servidor fechar',
        en: 'reads exactly Content-Length bytes of body (the name may come in lower case, content-length) and ends, without waiting for the server to close',
      },
      hint: {
        pt: 'procure o cabeçalho sem ligar para maiúsculas (/^content-length:/i), leia o número e, quando tiver esses bytes de corpo, escreva e feche a conexão (socket.destroy()): no HTTP/1.1, o servidor pode deixá-la aberta.',
        en: 'look for the header whatever its case (/^content-length:/i), read the number and, once you have that many bytes of body, print them and close the connection (socket.destroy()): in HTTP/1.1, the server may leave it open.',
      },
      run: async (learner) =>
        expectOutput(
          learner,
          {
            pt: 'o servidor responde com "content-length: 12" e deixa a conexão aberta',
            en: 'the server answers with "content-length: 12" and leaves the connection open',
          },
          [response(['content-type: text/plain', 'content-length: 12'], 'hello, web!\n')],
          `${OK}hello, web!\n`,
          { keepOpen: true },
        ),
    },
    {
      name: {
        pt: 'um corpo que chega em três pedaços sai inteiro',
        en: 'a body that arrives in three pieces comes out whole',
      },
      hint: {
        pt: "um evento 'data' não é o corpo: junte os pedaços até ter Content-Length bytes depois da linha vazia, e só então escreva.",
        en: "a 'data' event is not the body: put the pieces together until you have Content-Length bytes after the empty line, and only then print.",
      },
      run: async (learner) =>
        expectOutput(
          learner,
          {
            pt: 'o servidor manda os cabeçalhos, e depois o corpo em três pedaços',
            en: 'the server sends the headers, then the body in three pieces',
          },
          [response(['Content-Length: 15'], ''), 'one, ', 'two, ', 'three'],
          `${OK}one, two, three`,
        ),
    },
    {
      name: {
        pt: 'cabeçalhos que chegam em pedaços, cortados no meio da linha de status e da linha vazia',
        en: 'headers that arrive in pieces, cut in the middle of the status line and of the empty line',
      },
      hint: {
        pt: 'procure "\\r\\n\\r\\n" em tudo o que chegou até agora (os bytes guardados), não só no último pedaço: a linha vazia pode chegar partida em dois.',
        en: 'look for "\\r\\n\\r\\n" in everything that has come so far (the kept bytes), not only in the last chunk: the empty line may arrive broken in two.',
      },
      run: async (learner) =>
        expectOutput(
          learner,
          {
            pt: 'o servidor manda "HTTP/1.1 2", "00 OK\\r\\nContent-Length: 6\\r\\n\\r" e "\\npieces"',
            en: 'the server sends "HTTP/1.1 2", "00 OK\\r\\nContent-Length: 6\\r\\n\\r" and "\\npieces"',
          },
          ['HTTP/1.1 2', '00 OK\r\nContent-Length: 6\r\n\r', '\npieces'],
          `${OK}pieces`,
        ),
    },
    {
      name: {
        pt: 'sem Content-Length, com Connection: close, o corpo vai até o servidor fechar',
        en: 'with no Content-Length, and Connection: close, the body runs until the server closes',
      },
      hint: {
        pt: "sem Content-Length, não há como saber o tamanho antes: guarde tudo o que vier depois da linha vazia e escreva no evento 'end' (o FIN do servidor).",
        en: "with no Content-Length, there is no knowing the size beforehand: keep all that comes after the empty line and print it on the 'end' event (the server's FIN).",
      },
      run: async (learner) =>
        expectOutput(
          learner,
          {
            pt: 'o servidor responde sem Content-Length, com "Connection: close", em dois pedaços, e fecha',
            en: 'the server answers with no Content-Length, with "Connection: close", in two pieces, and closes',
          },
          [response(['Connection: close'], 'until '), 'the close\n'],
          `${OK}until the close\n`,
        ),
    },
    {
      name: {
        pt: 'Content-Length conta bytes: "ação\\n" são 7 bytes (e 5 caracteres)',
        en: 'Content-Length counts bytes: "ação\\n" is 7 bytes (and 5 characters)',
      },
      hint: {
        pt: 'compare Content-Length com o tamanho de um Buffer (bytes), não de um texto decodificado (caracteres): "ç" e "ã" ocupam 2 bytes cada em UTF-8.',
        en: 'compare Content-Length with the length of a Buffer (bytes), not of decoded text (characters): "ç" and "ã" take 2 bytes each in UTF-8.',
      },
      run: async (learner) =>
        expectOutput(
          learner,
          {
            pt: 'o servidor responde "ação\\n" com "Content-Length: 7" e fecha',
            en: 'the server answers "ação\\n" with "Content-Length: 7" and closes',
          },
          [response(['Content-Length: 7'], 'ação\n')],
          `${OK}ação\n`,
        ),
    },
    {
      name: {
        pt: 'o servidor fecha antes do corpo que anunciou: uma linha no stderr e código de saída 1',
        en: 'the server closes before the body it announced: one line on stderr and exit code 1',
      },
      hint: {
        pt: "no evento 'end', a resposta só está completa se não havia Content-Length; com ele, um FIN antes dos bytes prometidos é um erro: diga numa linha e saia com process.exit(1).",
        en: "on the 'end' event, the response is complete only if there was no Content-Length; with one, a FIN before the promised bytes is an error: say so in one line and exit with process.exit(1).",
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor manda os cabeçalhos com "Content-Length: 12" e fecha, sem corpo',
          en: 'the server sends the headers with "Content-Length: 12" and closes, with no body',
        };
        const { ran, did } = await get(learner, scene, async (c) =>
          c.end(response(['Content-Length: 12'], '')),
        );
        expectFailure(ran, did);
      },
    },
    {
      name: {
        pt: 'um servidor que nunca responde: o programa desiste depois de --timeout ms, com uma linha no stderr e código de saída 1',
        en: 'a server that never answers: the program gives up after --timeout ms, with one line on stderr and exit code 1',
      },
      hint: {
        pt: 'socket.setTimeout(timeout, …) avisa quando a conexão fica --timeout ms sem tráfego: nesse listener, diga numa linha que nada chegou e saia com process.exit(1).',
        en: 'socket.setTimeout(timeout, …) tells you when the connection has been quiet for --timeout ms: in that listener, say in one line that nothing came and exit with process.exit(1).',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor lê a requisição e nunca responde',
          en: 'the server reads the request and never answers',
        };
        const server = await learner.serve(() => {});
        const args = ['--host', '127.0.0.1', '--port', String(server.port), '--timeout', '300'];
        const ran = await learner.run([...args, '/hello'], { scene });
        expectFailure(ran, ranWith(ran.args, scene));
      },
    },
  ],
});
