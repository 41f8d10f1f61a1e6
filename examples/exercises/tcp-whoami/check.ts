import { CheckFailure, defineExercise, type Program } from '../../../src/lib/exercise.ts';

// What `npm run check -- tcp-whoami` verifies.

interface Answer {
  line: string; // the first line the server wrote, without "\n"
  local: { address: string; port: number }; // this client's side, as its own socket reports it
}

const LINE = /^you are (\S+):(\d+), I am (\S+):(\d+)$/;

/** Open `count` connections at once and read the first line on each while all are still open. */
async function ask(program: Program, count: number): Promise<Answer[]> {
  const clients = await Promise.all(Array.from({ length: count }, () => program.connect()));
  return Promise.all(
    clients.map(async (client) => {
      const text = (await client.read({ lines: 1 })).toString();
      if (text.includes('\n'))
        return { line: text.slice(0, text.indexOf('\n')), local: client.local };
      throw new CheckFailure(
        client.ending
          ? {
              pt: `o servidor fechou a conexão sem mandar uma linha inteira (recebido: ${JSON.stringify(text)})`,
              en: `the server closed the connection without sending a whole line (received: ${JSON.stringify(text)})`,
            }
          : {
              pt: `nenhuma linha chegou em 1 s (recebido: ${JSON.stringify(text)})`,
              en: `no line came within 1 s (received: ${JSON.stringify(text)})`,
            },
      );
    }),
  );
}

function parse(answer: Answer) {
  const m = LINE.exec(answer.line);
  if (!m) {
    throw new CheckFailure({
      pt: `esperada uma linha como "you are 127.0.0.1:50001, I am 127.0.0.1:12000", recebido ${JSON.stringify(answer.line)}`,
      en: `expected a line like "you are 127.0.0.1:50001, I am 127.0.0.1:12000", got ${JSON.stringify(answer.line)}`,
    });
  }
  return { you: { address: m[1], port: Number(m[2]) }, me: { address: m[3], port: Number(m[4]) } };
}

function expectYou(answer: Answer) {
  const { you } = parse(answer);
  const { address, port } = answer.local;
  if (you.address === address && you.port === port) return;
  throw new CheckFailure({
    pt: `o cliente está em ${address}:${port}, mas o servidor disse "you are ${you.address}:${you.port}"`,
    en: `the client is at ${address}:${port}, but the server said "you are ${you.address}:${you.port}"`,
  });
}

function expectMe(answer: Answer, program: Program) {
  const { me } = parse(answer);
  if (me.address === '127.0.0.1' && me.port === program.port) return;
  throw new CheckFailure({
    pt: `o servidor escuta em 127.0.0.1:${program.port}, mas disse "I am ${me.address}:${me.port}"`,
    en: `the server listens on 127.0.0.1:${program.port}, but it said "I am ${me.address}:${me.port}"`,
  });
}

export default defineExercise({
  lesson: 'tcp/many-connections',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'O servidor que diz quem é quem', en: 'The server that says who is who' },
  checks: [
    {
      name: {
        pt: 'um cliente recebe uma linha "you are A:P, I am B:Q"',
        en: 'a client gets one line "you are A:P, I am B:Q"',
      },
      hint: {
        pt: 'troque cada "?" por um valor do socket aceito: socket.remoteAddress, socket.remotePort, socket.localAddress, socket.localPort.',
        en: 'replace each "?" with a value of the accepted socket: socket.remoteAddress, socket.remotePort, socket.localAddress, socket.localPort.',
      },
      run: async (program) => {
        parse((await ask(program, 1))[0]);
      },
    },
    {
      name: {
        pt: '"you are" é o endereço e a porta do próprio cliente',
        en: '"you are" is the client\'s own address and port',
      },
      hint: {
        pt: 'do ponto de vista do servidor, o cliente é o lado remoto da conexão: remoteAddress e remotePort.',
        en: 'seen from the server, the client is the remote side of the connection: remoteAddress and remotePort.',
      },
      run: async (program) => expectYou((await ask(program, 1))[0]),
    },
    {
      name: {
        pt: '"I am" é 127.0.0.1 e a porta em que o servidor escuta',
        en: '"I am" is 127.0.0.1 and the port the server listens on',
      },
      hint: {
        pt: 'o lado do servidor é o local: localAddress e localPort. A porta local do socket aceito é a mesma da escuta.',
        en: "the server's side is the local one: localAddress and localPort. The accepted socket's local port is the listening port.",
      },
      run: async (program) => expectMe((await ask(program, 1))[0], program),
    },
    {
      name: {
        pt: 'cinco clientes conectados ao mesmo tempo: cada um ouve a sua porta, e "I am" é sempre a porta de escuta',
        en: 'five clients connected at once: each hears its own port, and "I am" is always the listening port',
      },
      run: async (program) => {
        const answers = await ask(program, 5);
        for (const answer of answers) {
          expectYou(answer);
          expectMe(answer, program);
        }
      },
    },
  ],
});
