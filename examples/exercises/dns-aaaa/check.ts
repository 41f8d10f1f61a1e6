import {
  SLACK,
  defineClientExercise,
  fail,
  outcome,
  ranWith,
  type Datagram,
  type LearnerClient,
  type Ran,
  type Text,
} from '../../../src/lib/exercise.ts';

// What `npm run check -- dns-aaaa` verifies. The first check asks the course's DNS server
// (examples/dns-server.ts); the others a DNS server of their own, which answers each query with
// the records the check chooses (whatever type it asked for: the type is the first check's
// business), or with a wrong ID first, or NXDOMAIN, or not at all.
const TIMEOUT = 1000; // the --timeout each run gets (times CHECK_SLACK: a busy machine is slower)

const AAAA = 28;
const CNAME = 5;

/** A name as DNS writes it: each label after its length, then a 0. */
const labels = (name: string) =>
  Buffer.concat([
    ...name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);

/** An IPv6 address's 16 bytes, from its 8 groups ("2001:db8:0:0:0:0:0:1"). */
const bytesOf = (address: string) =>
  Buffer.from(
    address
      .split(':')
      .map((g) => g.padStart(4, '0'))
      .join(''),
    'hex',
  );

/** Where the question of a query ends (its name's labels, then type and class). */
function questionEnd(query: Buffer): number {
  let at = 12;
  while (at < query.length && query[at] !== 0) at += 1 + query[at];
  return Math.min(at + 5, query.length);
}

interface Record {
  type: number;
  data: Buffer;
  /** Where its name is, as a pointer (default 12: the question's name). */
  at?: number;
}

/** The answer to `query`: its ID (or `id`), its question, and `records`. */
function answer(query: Buffer, records: Record[], { rcode = 0, id = query.readUInt16BE(0) } = {}) {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x8400 | ((query[2] & 1) << 8) | rcode, 2); // QR, AA, RD copied, rcode
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const rr = records.map(({ type, data, at = 12 }) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc000 | at, 0);
    fixed.writeUInt16BE(type, 2);
    fixed.writeUInt16BE(1, 4); // class IN
    fixed.writeUInt32BE(60, 6); // TTL
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, questionEnd(query)), ...rr]);
}

/**
 * An IPv6 address's value, whatever its spelling ("::1" and "0:0:0:0:0:0:0:1" alike), to compare
 * two; undefined if it is none. The short spelling is one check's business, not every one's.
 */
function value(text: string): string | undefined {
  const halves = text.trim().toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s ? s.split(':') : []);
  const [head, tail] = [groups(halves[0]), halves.length === 2 ? groups(halves[1]) : []];
  const all = [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
  if (all.length !== 8 || !all.every((g) => /^[\da-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16).toString(16)).join(':');
}

/** The lines of stdout. */
const lines = (ran: Ran) => ran.stdout.split('\n').filter((l) => l.trim() !== '');

/** Run the program for `name` against a server that answers each query with `respond`. */
async function ask(
  learner: LearnerClient,
  name: string,
  respond: (query: Datagram) => void,
  scene?: Text,
  timeout = TIMEOUT * SLACK,
) {
  const server = await learner.serveUdp(respond);
  const args = ['--server', '127.0.0.1', '--port', String(server.port)];
  const ran = await learner.run([...args, '--timeout', String(timeout), name], { scene });
  return { ran, did: ranWith(ran.args, scene), queries: server.datagrams };
}

/** The program must print these addresses (`exact`: as written; else any spelling of them), exit code 0. */
function expectAddresses(ran: Ran, did: Text, addresses: string[], { exact = false } = {}) {
  const got = lines(ran);
  const same = exact
    ? got.join('\n') === addresses.join('\n')
    : got.map(value).join('\n') === addresses.map(value).join('\n');
  if (ran.code !== 0 || !same) {
    const shown = JSON.stringify(addresses.map((a) => `${a}\n`).join(''));
    fail(
      did,
      { pt: `código de saída 0, stdout ${shown}`, en: `exit code 0, stdout ${shown}` },
      outcome(ran),
    );
  }
}

/** One line on stderr and exit code 1, or the check fails. */
function expectFailure(ran: Ran, did: Text, stdout = '') {
  const oneLine = ran.stderr.trim() !== '' && !ran.stderr.trim().includes('\n');
  if (ran.code !== 1 || !oneLine || ran.stdout.trim() !== stdout)
    fail(
      did,
      {
        pt: `${stdout ? `stdout ${JSON.stringify(stdout)}, ` : 'nada no stdout, '}uma linha no stderr e código de saída 1`,
        en: `${stdout ? `stdout ${JSON.stringify(stdout)}, ` : 'nothing on stdout, '}one line on stderr and exit code 1`,
      },
      outcome(ran),
    );
}

export default defineClientExercise({
  lesson: 'around/names',
  file: 'client.ts',
  protocol: 'udp',
  title: {
    pt: 'Perguntar ao DNS os endereços IPv6 (AAAA)',
    en: 'Ask DNS for the IPv6 addresses (AAAA)',
  },
  checks: [
    {
      name: {
        pt: 'o servidor DNS do curso (dns-server.ts) responde curso.test AAAA: ::1',
        en: "the course's DNS server (dns-server.ts) answers curso.test AAAA: ::1",
      },
      hint: {
        pt: 'a pergunta é o nome em rótulos (um byte de tamanho antes de cada parte, um 0 no fim), o tipo AAAA, 28, e a classe IN, 1, cada um em 2 bytes big-endian, como no dns-query.ts da lição.',
        en: 'the question is the name as labels (a length byte before each part, a 0 at the end), the type AAAA, 28, and the class IN, 1, each in 2 big-endian bytes, as in the lesson’s dns-query.ts.',
      },
      run: async (learner) => {
        const server = await learner.start('dns-server.ts');
        const args = ['--server', '127.0.0.1', '--port', String(server.port)];
        const ran = await learner.run([
          ...args,
          '--timeout',
          String(TIMEOUT * SLACK),
          'curso.test',
        ]);
        const said = server.output().trim().split('\n').slice(1); // after "listening on"
        const scene = {
          pt: `o servidor escreveu: ${JSON.stringify(said.join('\n') || '(nada)')}`,
          en: `the server printed: ${JSON.stringify(said.join('\n') || '(nothing)')}`,
        };
        expectAddresses(ran, ranWith(ran.args, scene), ['::1']);
      },
    },
    {
      name: {
        pt: 'o ID da consulta é aleatório: duas execuções, dois IDs',
        en: 'the query ID is random: two runs, two IDs',
      },
      hint: {
        pt: 'sorteie o ID a cada consulta (randomInt(0x10000), de node:crypto): um ID fixo deixa qualquer um na rede adivinhar a resposta que você vai aceitar.',
        en: 'draw the ID for each query (randomInt(0x10000), from node:crypto): a fixed ID lets anyone on the network guess the answer you will accept.',
      },
      run: async (learner) => {
        const ids: number[] = [];
        let did: Text = { pt: '', en: '' };
        for (let i = 0; i < 2; i++) {
          const run = await ask(learner, 'curso.test', (q) =>
            q.reply(answer(q.data, [{ type: AAAA, data: bytesOf('2001:0db8:0:0:0:0:0:1') }])),
          );
          expectAddresses(run.ran, run.did, ['2001:db8::1']);
          ids.push(run.queries[0].data.readUInt16BE(0));
          did = run.did;
        }
        if (ids[0] === ids[1])
          fail(
            { pt: `${did.pt}, duas vezes`, en: `${did.en}, twice` },
            { pt: 'dois IDs diferentes', en: 'two different IDs' },
            { pt: `o ID ${ids[0]} nas duas consultas`, en: `the ID ${ids[0]} in both queries` },
          );
      },
    },
    {
      name: {
        pt: 'uma resposta com outro ID é ignorada, e a resposta certa, lida',
        en: 'an answer with another ID is ignored, and the right answer read',
      },
      hint: {
        pt: 'compare os 2 primeiros bytes da resposta (answer.readUInt16BE(0)) com o ID que você enviou; se forem diferentes, não é a resposta à sua pergunta: ignore e continue esperando.',
        en: 'compare the answer’s first 2 bytes (answer.readUInt16BE(0)) with the ID you sent; if they differ, it is not the answer to your question: ignore it and keep waiting.',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor manda primeiro uma resposta com outro ID (2001:db8::bad), depois a certa (2001:db8::1)',
          en: 'the server first sends an answer with another ID (2001:db8::bad), then the right one (2001:db8::1)',
        };
        const { ran, did } = await ask(
          learner,
          'curso.test',
          (q) => {
            const id = q.data.readUInt16BE(0);
            const forged = [{ type: AAAA, data: bytesOf('2001:0db8:0:0:0:0:0:0bad') }];
            q.reply(answer(q.data, forged, { id: id ^ 0x5a5a }));
            q.reply(answer(q.data, [{ type: AAAA, data: bytesOf('2001:0db8:0:0:0:0:0:1') }]), 30);
          },
          scene,
        );
        expectAddresses(ran, did, ['2001:db8::1']);
      },
    },
    {
      name: {
        pt: 'uma resposta com dois registros AAAA: os dois endereços, um por linha',
        en: 'an answer with two AAAA records: both addresses, one per line',
      },
      hint: {
        pt: 'o cabeçalho diz quantos registros a resposta traz (answer.readUInt16BE(6)): percorra todos, e não pare no primeiro.',
        en: 'the header says how many records the answer holds (answer.readUInt16BE(6)): go through all of them, and do not stop at the first.',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor responde 2001:db8::1 e fd00::2',
          en: 'the server answers 2001:db8::1 and fd00::2',
        };
        const records = ['2001:0db8:0:0:0:0:0:1', 'fd00:0:0:0:0:0:0:2'].map((a) => ({
          type: AAAA,
          data: bytesOf(a),
        }));
        const { ran, did } = await ask(
          learner,
          'curso.test',
          (q) => q.reply(answer(q.data, records)),
          scene,
        );
        expectAddresses(ran, did, ['2001:db8::1', 'fd00::2']);
      },
    },
    {
      name: {
        pt: 'um registro de outro tipo (um CNAME antes do AAAA) é pulado',
        en: 'a record of another type (a CNAME before the AAAA) is skipped',
      },
      hint: {
        pt: 'cada registro diz o seu tipo (2 bytes logo depois do nome) e o tamanho dos seus dados (2 bytes antes deles): escreva só os de tipo 28 e use o tamanho para pular os outros.',
        en: 'each record says its type (2 bytes right after its name) and the length of its data (2 bytes before them): print only those of type 28, and use the length to skip the others.',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor responde www.curso.test CNAME curso.test, e curso.test AAAA 2001:db8::5',
          en: 'the server answers www.curso.test CNAME curso.test, then curso.test AAAA 2001:db8::5',
        };
        const { ran, did } = await ask(
          learner,
          'www.curso.test',
          (q) => {
            // The AAAA record's name is the CNAME's data: a pointer to where that is.
            const target = questionEnd(q.data) + 12;
            q.reply(
              answer(q.data, [
                { type: CNAME, data: labels('curso.test') },
                { type: AAAA, data: bytesOf('2001:0db8:0:0:0:0:0:5'), at: target },
              ]),
            );
          },
          scene,
        );
        expectAddresses(ran, did, ['2001:db8::5']);
      },
    },
    {
      name: {
        pt: 'os endereços saem na forma curta: 2001:db8::1:0:0:1, não 2001:0db8:0000:…',
        en: 'the addresses come out in short form: 2001:db8::1:0:0:1, not 2001:0db8:0000:…',
      },
      hint: {
        pt: 'não escreva os 16 bytes em hexadecimal: a forma curta (RFC 5952) tira os zeros à esquerda e troca a maior sequência de grupos 0 por "::". O net.SocketAddress faz isso, como no dns-query.ts da lição.',
        en: 'do not print the 16 bytes as hex: the short form (RFC 5952) drops leading zeros and turns the longest run of 0 groups into "::". net.SocketAddress does it, as in the lesson’s dns-query.ts.',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor responde 2001:0db8:0000:0000:0001:0000:0000:0001',
          en: 'the server answers 2001:0db8:0000:0000:0001:0000:0000:0001',
        };
        const data = bytesOf('2001:0db8:0000:0000:0001:0000:0000:0001');
        const { ran, did } = await ask(
          learner,
          'curso.test',
          (q) => q.reply(answer(q.data, [{ type: AAAA, data }])),
          scene,
        );
        expectAddresses(ran, did, ['2001:db8::1:0:0:1'], { exact: true });
      },
    },
    {
      name: {
        pt: 'NXDOMAIN (o nome não existe): uma linha no stderr e código de saída 1',
        en: 'NXDOMAIN (no such name): one line on stderr and exit code 1',
      },
      hint: {
        pt: 'os 4 bits de baixo do byte 3 da resposta são o rcode (answer[3] & 0x0f): 0 é sucesso, 3 é NXDOMAIN. Se não for 0, diga numa linha e saia com código 1.',
        en: 'the low 4 bits of the answer’s byte 3 are the rcode (answer[3] & 0x0f): 0 is success, 3 is NXDOMAIN. If it is not 0, say so in one line and exit with code 1.',
      },
      run: async (learner) => {
        const scene = {
          pt: 'o servidor responde NXDOMAIN (rcode 3), sem registros',
          en: 'the server answers NXDOMAIN (rcode 3), with no records',
        };
        const { ran, did } = await ask(
          learner,
          'nada.test',
          (q) => q.reply(answer(q.data, [], { rcode: 3 })),
          scene,
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
        pt: 'o UDP não avisa que a pergunta ou a resposta se perdeu: arme um setTimeout(…, timeout) que diz numa linha que nada chegou e sai com process.exit(1); cancele-o quando a resposta chegar.',
        en: 'UDP does not tell you that the question or the answer was lost: set a setTimeout(…, timeout) that says in one line that nothing came and exits with process.exit(1); cancel it when the answer comes.',
      },
      run: async (learner) => {
        const scene = { pt: 'o servidor nunca responde', en: 'the server never answers' };
        const { ran, did } = await ask(learner, 'curso.test', () => {}, scene, 300);
        expectFailure(ran, did);
      },
    },
  ],
});
