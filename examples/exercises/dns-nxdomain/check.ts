import { CheckFailure, defineExercise, type Program } from '../../../src/lib/exercise.ts';

// What `npm run check -- dns-nxdomain` verifies: real DNS queries, in UDP datagrams, to the
// learner's server on loopback; each answer is read as a DNS client reads it.
const A = 1;
const AAAA = 28;
const MX = 15;
const RCODE = { 0: 'NOERROR', 3: 'NXDOMAIN' } as Record<number, string>;

/** A standard query for one name and type (class IN), with recursion desired, as dig sends it. */
function query(id: number, name: string, type: number): Buffer {
  const labels = name.split('.').map((label) => Buffer.from([label.length, ...Buffer.from(label)]));
  const header = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, ...labels, Buffer.from([0, type >> 8, type & 0xff, 0, 1])]);
}

interface Answer {
  rcode: number;
  records: { type: number; data: Buffer }[];
}

/** Ask, and read the answer: the same id and question back, QR set, then the answer records. */
async function ask(program: Program, name: string, type: number): Promise<Answer> {
  const id = 0x4000 + Math.floor(Math.random() * 0x4000);
  const sent = query(id, name, type);
  const what = `${name} ${type === A ? 'A' : type === AAAA ? 'AAAA' : `type ${type}`}`;
  const answer = await program.udp(sent);
  const wrong = (pt: string, en: string) =>
    new CheckFailure({ pt: `pergunta ${what}: ${pt}`, en: `question ${what}: ${en}` });
  if (answer.length < sent.length)
    throw wrong(
      `a resposta tem só ${answer.length} bytes`,
      `the answer has only ${answer.length} bytes`,
    );
  if (answer.readUInt16BE(0) !== id)
    throw wrong('a resposta não traz o id da pergunta', 'the answer does not carry the query’s id');
  if (!(answer[2] & 0x80))
    throw wrong('o bit QR (resposta) está desligado', 'the QR bit (a response) is off');
  if (answer.readUInt16BE(4) !== 1 || !answer.subarray(12, sent.length).equals(sent.subarray(12))) {
    throw wrong('a resposta não repete a pergunta', 'the answer does not repeat the question');
  }
  const records: Answer['records'] = [];
  let at = sent.length;
  for (let i = 0; i < answer.readUInt16BE(6); i++) {
    while (answer[at] > 0 && answer[at] < 0xc0) at += 1 + answer[at];
    at += answer[at] === 0 ? 1 : 2;
    if (at + 10 > answer.length)
      throw wrong(
        'a resposta termina no meio de um registro',
        'the answer ends in the middle of a record',
      );
    const length = answer.readUInt16BE(at + 8);
    records.push({
      type: answer.readUInt16BE(at),
      data: answer.subarray(at + 10, at + 10 + length),
    });
    at += 10 + length;
  }
  return { rcode: answer[3] & 0x0f, records };
}

const rcodeName = (rcode: number) => `${rcode}${RCODE[rcode] ? ` (${RCODE[rcode]})` : ''}`;

/** Fail unless the answer has `rcode` and exactly these records' data (in hex). */
function expectAnswer(asked: string, got: Answer, rcode: number, data: string[]) {
  const hex = got.records.map((r) => r.data.toString('hex'));
  if (got.rcode === rcode && hex.join() === data.join()) return;
  const records = hex.length ? hex.join(', ') : '—';
  throw new CheckFailure({
    pt: `pergunta ${asked}: esperado rcode ${rcodeName(rcode)} com ${data.length} registro(s), recebido rcode ${rcodeName(got.rcode)} com ${got.records.length} (${records})`,
    en: `question ${asked}: expected rcode ${rcodeName(rcode)} with ${data.length} record(s), got rcode ${rcodeName(got.rcode)} with ${got.records.length} (${records})`,
  });
}

const LOCALHOST_V4 = '7f000001';
const LOCALHOST_V6 = '00000000000000000000000000000001';

export default defineExercise({
  lesson: 'around/names',
  file: 'server.ts',
  protocol: 'udp',
  title: {
    pt: 'O servidor DNS que diz "esse nome não existe"',
    en: 'The DNS server that says "no such name"',
  },
  checks: [
    {
      name: {
        pt: 'curso.test A continua respondendo 127.0.0.1 (rcode 0)',
        en: 'curso.test A still answers 127.0.0.1 (rcode 0)',
      },
      run: async (program) =>
        expectAnswer('curso.test A', await ask(program, 'curso.test', A), 0, [LOCALHOST_V4]),
    },
    {
      name: {
        pt: 'curso.test AAAA continua respondendo ::1 (rcode 0)',
        en: 'curso.test AAAA still answers ::1 (rcode 0)',
      },
      run: async (program) =>
        expectAnswer('curso.test AAAA', await ask(program, 'curso.test', AAAA), 0, [LOCALHOST_V6]),
    },
    {
      name: {
        pt: 'nada.test A recebe NXDOMAIN (rcode 3), sem registros',
        en: 'nada.test A gets NXDOMAIN (rcode 3), with no records',
      },
      hint: {
        pt: 'o rcode são os 4 bits mais baixos do byte 3 do cabeçalho. Ponha 3 quando nenhum registro de RECORDS tem o nome perguntado (RECORDS.some(...)).',
        en: 'the rcode is the low 4 bits of the header’s byte 3. Make it 3 when no record in RECORDS has the name asked for (RECORDS.some(...)).',
      },
      run: async (program) =>
        expectAnswer('nada.test A', await ask(program, 'nada.test', A), 3, []),
    },
    {
      name: {
        pt: 'um nome desconhecido recebe NXDOMAIN seja qual for o tipo (AAAA, MX)',
        en: 'an unknown name gets NXDOMAIN whatever the type (AAAA, MX)',
      },
      hint: {
        pt: 'NXDOMAIN fala do nome, não do tipo: olhe só o nome, não o tipo, para decidir.',
        en: 'NXDOMAIN is about the name, not the type: look at the name only, not the type, to decide.',
      },
      run: async (program) => {
        expectAnswer('nada.test AAAA', await ask(program, 'nada.test', AAAA), 3, []);
        expectAnswer('outro.nome.test MX', await ask(program, 'outro.nome.test', MX), 3, []);
      },
    },
    {
      name: {
        pt: 'eco.test AAAA: o nome existe, só não tem AAAA, então rcode 0 e resposta vazia',
        en: 'eco.test AAAA: the name exists, it just has no AAAA, so rcode 0 and an empty answer',
      },
      hint: {
        pt: 'um nome que existe sem registros do tipo perguntado não é NXDOMAIN: é NOERROR sem respostas ("no data"). Procure o nome em RECORDS sem olhar o tipo.',
        en: 'a name that exists with no record of the type asked for is not NXDOMAIN: it is NOERROR with no answers ("no data"). Look the name up in RECORDS without looking at the type.',
      },
      run: async (program) =>
        expectAnswer('eco.test AAAA', await ask(program, 'eco.test', AAAA), 0, []),
    },
    {
      name: {
        pt: 'nomes não diferenciam maiúsculas: CURSO.Test A responde 127.0.0.1',
        en: 'names ignore case: CURSO.Test A answers 127.0.0.1',
      },
      hint: {
        pt: 'compare com question.name, que readQuestion já passou para minúsculas.',
        en: 'compare with question.name, which readQuestion has already lower-cased.',
      },
      run: async (program) =>
        expectAnswer('CURSO.Test A', await ask(program, 'CURSO.Test', A), 0, [LOCALHOST_V4]),
    },
  ],
});
