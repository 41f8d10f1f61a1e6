import { CheckFailure, SLACK, defineExercise, type Program } from '../../../src/lib/exercise.ts';

// What `npm run check -- http-route` verifies.

/** GET (or HEAD) a path with fetch, as a browser would; fail clearly if nothing comes. */
async function get(program: Program, path: string, method = 'GET') {
  try {
    const response = await fetch(`http://127.0.0.1:${program.port}${path}`, {
      method,
      signal: AbortSignal.timeout(1000 * SLACK), // a second, as for the checks' own clients
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  } catch (err) {
    const why = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new CheckFailure({
      pt: `${method} ${path}: nenhuma resposta HTTP válida (${why})`,
      en: `${method} ${path}: no valid HTTP response (${why})`,
    });
  }
}

/** The raw bytes of the answer to `request`, read from the socket: head (text) and body (bytes). */
async function raw(program: Program, request: string) {
  const bytes = await program.tcp(request);
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) {
    throw new CheckFailure({
      pt: `a resposta a ${JSON.stringify(request)} não tem a linha vazia que separa os cabeçalhos do corpo`,
      en: `the answer to ${JSON.stringify(request)} lacks the empty line between headers and body`,
    });
  }
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\nContent-Length: *(\d+)/i.exec(head)?.[1];
  const statusLine = head.split('\r\n')[0];
  return {
    statusLine,
    length: length === undefined ? undefined : Number(length),
    body: bytes.subarray(end + 4),
  };
}

const OLA = 'GET /ola HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

export default defineExercise({
  lesson: 'tcp/web-server',
  file: 'server.ts',
  protocol: 'http',
  title: { pt: 'Uma página nova: /ola', en: 'A new page: /ola' },
  checks: [
    {
      name: { pt: 'GET /ola responde 200 OK', en: 'GET /ola answers 200 OK' },
      hint: {
        pt: 'acrescente a página ao Map PAGES: a chave é o caminho, "/ola", e o valor é o texto, "Olá".',
        en: 'add the page to the PAGES Map: the key is the path, "/ola", and the value is the text, "Olá".',
      },
      run: async (program) => {
        const { statusLine } = await raw(program, OLA);
        if (statusLine !== 'HTTP/1.1 200 OK') {
          throw new CheckFailure({
            pt: `enviado ${JSON.stringify(OLA)}; esperado "HTTP/1.1 200 OK", recebido "${statusLine}"`,
            en: `sent ${JSON.stringify(OLA)}; expected "HTTP/1.1 200 OK", got "${statusLine}"`,
          });
        }
      },
    },
    {
      name: {
        pt: 'o Content-Length de /ola é 4: bytes, não caracteres',
        en: "/ola's Content-Length is 4: bytes, not characters",
      },
      hint: {
        pt: '"Olá" tem 3 caracteres, mas 4 bytes em UTF-8 (o "á" ocupa dois). body.length conta caracteres; Buffer.byteLength(body) conta bytes.',
        en: '"Olá" has 3 characters but 4 bytes in UTF-8 ("á" takes two). body.length counts characters; Buffer.byteLength(body) counts bytes.',
      },
      run: async (program) => {
        const { length, body } = await raw(program, OLA);
        if (length !== 4 || !body.equals(Buffer.from('Olá'))) {
          throw new CheckFailure({
            pt: `enviado ${JSON.stringify(OLA)}; esperado Content-Length: 4 e o corpo "Olá" (4 bytes), recebido Content-Length: ${length ?? '(nenhum)'} e ${body.length} bytes de corpo`,
            en: `sent ${JSON.stringify(OLA)}; expected Content-Length: 4 and the body "Olá" (4 bytes), got Content-Length: ${length ?? '(none)'} and ${body.length} bytes of body`,
          });
        }
      },
    },
    {
      name: {
        pt: 'fetch, como um navegador, lê exatamente "Olá"',
        en: 'fetch, like a browser, reads exactly "Olá"',
      },
      run: async (program) => {
        const { status, type, text } = await get(program, '/ola');
        if (status !== 200 || text !== 'Olá' || type !== 'text/plain; charset=utf-8') {
          throw new CheckFailure({
            pt: `esperado 200, text/plain; charset=utf-8 e "Olá", recebido ${status}, ${type} e ${JSON.stringify(text)}`,
            en: `expected 200, text/plain; charset=utf-8 and "Olá", got ${status}, ${type} and ${JSON.stringify(text)}`,
          });
        }
      },
    },
    {
      name: {
        pt: 'HEAD /ola responde os mesmos cabeçalhos, sem corpo',
        en: 'HEAD /ola answers the same headers, with no body',
      },
      run: async (program) => {
        const request = 'HEAD /ola HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
        const { statusLine, length, body } = await raw(program, request);
        if (statusLine !== 'HTTP/1.1 200 OK' || length !== 4 || body.length !== 0) {
          throw new CheckFailure({
            pt: `enviado ${JSON.stringify(request)}; esperado "HTTP/1.1 200 OK", Content-Length: 4 e nenhum byte de corpo, recebido "${statusLine}", Content-Length: ${length ?? '(nenhum)'} e ${body.length} bytes de corpo`,
            en: `sent ${JSON.stringify(request)}; expected "HTTP/1.1 200 OK", Content-Length: 4 and no body, got "${statusLine}", Content-Length: ${length ?? '(none)'} and ${body.length} bytes of body`,
          });
        }
      },
    },
    {
      name: {
        pt: '"/" continua respondendo, e um caminho desconhecido ainda dá 404',
        en: '"/" still answers, and an unknown path still gets 404',
      },
      hint: {
        pt: 'não apague a página "/": o Map PAGES pode ter quantas páginas você quiser.',
        en: 'keep the page "/": the PAGES Map can hold as many pages as you like.',
      },
      run: async (program) => {
        const home = await get(program, '/');
        const missing = await get(program, '/nada');
        if (home.status !== 200 || missing.status !== 404) {
          throw new CheckFailure({
            pt: `esperado 200 para "/" e 404 para "/nada", recebido ${home.status} e ${missing.status}`,
            en: `expected 200 for "/" and 404 for "/nada", got ${home.status} and ${missing.status}`,
          });
        }
      },
    },
  ],
});
