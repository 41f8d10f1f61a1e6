import {
  CheckFailure,
  defineLabExercise,
  quantity,
  type LabWorld,
} from '../../../src/lib/exercise.ts';

// What `sudo npm run check -- udp-truncate` verifies, in the lab mtu: the learner's server runs on
// the server (203.0.113.80, on every interface) and the laptop asks it, across a path whose middle
// link carries packets of 1280 bytes at most. The checks run in this order: the first large
// datagram the server ever sends to the laptop is the one the isp drops (DF), as on a real path.

const SERVER = '203.0.113.80';
const LIMIT = 1200;

/** "1\n2\n…\nN\n", what the server must send for N. */
function countTo(n: number): string {
  let text = '';
  for (let i = 1; i <= n; i++) text += `${i}\n`;
  return text;
}

const serve = (lab: LabWorld) => lab.serve('server', ['--host', '0.0.0.0']);

/** Ask for N over UDP from the laptop: the datagrams that came back, or a failure that says why none did. */
async function overUdp(lab: LabWorld, n: number) {
  const { port } = await serve(lab);
  const { replies, error } = await lab.udp('laptop', SERVER, port, String(n));
  const size = Buffer.byteLength(countTo(n));
  if (replies.length) return { replies, size };
  const [pt, en] =
    size > LIMIT
      ? [
          ` Uma resposta de ${quantity(size, 'pt')} bytes num datagrama só não atravessa o enlace de 1280 bytes: o provedor, na entrada dele, a descarta (o datagrama vai com DF) e avisa o servidor com um ICMP "need to frag", que nenhum programa ouve.`,
          ` A ${quantity(size, 'en')}-byte answer in one datagram does not cross the 1280-byte link: the isp, where it begins, drops it (the datagram carries DF) and tells the server with an ICMP "need to frag", which no program hears.`,
        ]
      : ['', ''];
  throw new CheckFailure({
    pt: `pedido ${n} por UDP: ${error ? `erro ${error}` : 'nenhum datagrama voltou em 1 s'}.${pt}`,
    en: `asked for ${n} over UDP: ${error ? `error ${error}` : 'no datagram came back within 1 s'}.${en}`,
  });
}

/** One small datagram, "TRUNCATED BYTES\n", for an answer too big for one. */
async function expectTruncated(lab: LabWorld, n: number) {
  const { replies, size } = await overUdp(lab, n);
  const expected = `TRUNCATED ${size}\n`;
  const got = replies.map((r) => r.toString('utf8'));
  if (got.length === 1 && got[0] === expected) return;
  const big = replies.find((r) => r.length > LIMIT);
  throw new CheckFailure(
    big
      ? {
          pt: `pedido ${n} por UDP: veio um datagrama de ${quantity(big.length, 'pt')} bytes, que atravessou o caminho em fragmentos; o limite é ${quantity(LIMIT, 'pt')}, e no lugar dele se esperava ${JSON.stringify(expected)}`,
          en: `asked for ${n} over UDP: a ${quantity(big.length, 'en')}-byte datagram came, which crossed the path in fragments; the limit is ${quantity(LIMIT, 'en')}, and ${JSON.stringify(expected)} was expected instead`,
        }
      : {
          pt: `pedido ${n} por UDP: esperado um datagrama ${JSON.stringify(expected)}, vieram ${JSON.stringify(got)}`,
          en: `asked for ${n} over UDP: expected one datagram ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
        },
  );
}

export default defineLabExercise({
  lesson: 'beyond/mtu',
  file: 'server.ts',
  protocol: 'udp',
  lab: 'mtu',
  role: 'server',
  title: {
    pt: 'O servidor que passa para o TCP o que não cabe num datagrama',
    en: 'The server that hands to TCP what does not fit in a datagram',
  },
  checks: [
    {
      name: {
        pt: 'com --host 0.0.0.0, ele inicia no servidor e diz onde escuta',
        en: 'with --host 0.0.0.0, it starts on the server and says where it listens',
      },
      hint: {
        pt: 'rode o arquivo você mesmo (npx tsx ARQUIVO --port 0) e leia o erro; a primeira linha deve ser "... listening on ENDEREÇO:PORTA".',
        en: 'run the file yourself (npx tsx FILE --port 0) and read the error; its first line must be "... listening on ADDRESS:PORT".',
      },
      run: async (lab) => void (await serve(lab)),
    },
    {
      name: {
        pt: 'uma resposta pequena (100: 292 bytes) vem inteira, num datagrama só',
        en: 'a small answer (100: 292 bytes) comes whole, in a single datagram',
      },
      run: async (lab) => {
        const { replies } = await overUdp(lab, 100);
        const got = replies.map((r) => r.toString('utf8'));
        if (got.length === 1 && got[0] === countTo(100)) return;
        throw new CheckFailure({
          pt: `pedido 100 por UDP: esperado um datagrama com "1\\n2\\n…100\\n", vieram ${got.length} datagramas (${replies.map((r) => r.length).join(', ')} bytes)`,
          en: `asked for 100 over UDP: expected one datagram with "1\\n2\\n…100\\n", got ${got.length} datagrams (${replies.map((r) => r.length).join(', ')} bytes)`,
        });
      },
    },
    {
      name: {
        pt: 'o pedido 377, uma resposta de 1.400 bytes, que cabe na rede do servidor mas não no caminho: o datagrama "TRUNCATED 1400\\n"',
        en: 'the request 377, an answer of 1,400 bytes, which fits the server\'s network but not the path: the datagram "TRUNCATED 1400\\n"',
      },
      hint: {
        pt: 'compare body.length com MAX_DATAGRAM antes do send: acima dele, mande Buffer.from(`TRUNCATED ${body.length}\\n`) no lugar da resposta.',
        en: 'compare body.length with MAX_DATAGRAM before the send: above it, send Buffer.from(`TRUNCATED ${body.length}\\n`) instead of the answer.',
      },
      run: (lab) => expectTruncated(lab, 377),
    },
    {
      name: {
        pt: 'o pedido 1000, uma resposta de 3.893 bytes: "TRUNCATED 3893\\n" também, e não um datagrama grande em fragmentos',
        en: 'the request 1000, an answer of 3,893 bytes: "TRUNCATED 3893\\n" too, not a big datagram in fragments',
      },
      run: (lab) => expectTruncated(lab, 1000),
    },
    {
      name: {
        pt: 'por TCP, na mesma porta: a linha "1000\\n" recebe a resposta inteira, 3.893 bytes, e o servidor fecha a conexão',
        en: 'over TCP, on the same port: the line "1000\\n" gets the whole answer, 3,893 bytes, and the server closes the connection',
      },
      hint: {
        pt: 'no servidor TCP, junte o que chega até o "\\n" (ou até o evento "end"), e então socket.end(answer(linha)): o kernel corta a resposta em segmentos que cabem no caminho.',
        en: 'in the TCP server, gather what arrives up to the "\\n" (or to the "end" event), then socket.end(answer(line)): the kernel cuts the answer into segments that fit the path.',
      },
      run: async (lab) => {
        const { port } = await serve(lab);
        const { reply, error } = await lab.tcp('laptop', SERVER, port, '1000\n');
        if (reply === countTo(1000)) return;
        const got = error ?? `${quantity(Buffer.byteLength(reply ?? ''), 'pt')} bytes`;
        throw new CheckFailure({
          pt: `por TCP, a linha "1000\\n" deu ${error ? `o erro ${error}` : got}, e não os 3.893 bytes de "1\\n2\\n…1000\\n"`,
          en: `over TCP, the line "1000\\n" gave ${error ? `the error ${error}` : `${quantity(Buffer.byteLength(reply ?? ''), 'en')} bytes`}, not the 3,893 bytes of "1\\n2\\n…1000\\n"`,
        });
      },
    },
  ],
});
