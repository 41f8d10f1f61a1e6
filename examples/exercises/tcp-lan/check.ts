import { CheckFailure, defineLabExercise, type LabWorld } from '../../../src/lib/exercise.ts';

// What `sudo npm run check -- tcp-lan` verifies, in the lab two-hosts: the learner's server runs
// on the laptop (192.168.0.10), and the phone (192.168.0.20) connects to it.

const LAPTOP = '192.168.0.10';

/** The server, started on the laptop on its network interface, eth0. */
async function serve(lab: LabWorld) {
  return lab.serve('laptop', ['--interface', 'eth0']);
}

export default defineLabExercise({
  lesson: 'beyond/other-hosts',
  file: 'server.ts',
  protocol: 'tcp',
  lab: 'two-hosts',
  role: 'server',
  title: {
    pt: 'O servidor que o celular alcança',
    en: 'The server the phone can reach',
  },
  checks: [
    {
      name: {
        pt: 'com --interface eth0, ele inicia no notebook e diz onde escuta',
        en: 'with --interface eth0, it starts on the laptop and says where it listens',
      },
      hint: {
        pt: 'rode o arquivo você mesmo (npx tsx ARQUIVO --interface lo) e leia o erro; a primeira linha deve ser "... listening on ENDEREÇO:PORTA".',
        en: 'run the file yourself (npx tsx FILE --interface lo) and read the error; its first line must be "... listening on ADDRESS:PORT".',
      },
      run: async (lab) => void (await serve(lab)),
    },
    {
      name: {
        pt: `o celular conecta em ${LAPTOP} e ouve "you are 192.168.0.20"`,
        en: `the phone connects to ${LAPTOP} and hears "you are 192.168.0.20"`,
      },
      hint: {
        pt: 'o celular só alcança o notebook pelo endereço da interface de rede dele (eth0), e não pelo 127.0.0.1: procure esse endereço em os.networkInterfaces()[name].',
        en: "the phone reaches the laptop only at its network interface's address (eth0), not at 127.0.0.1: look that address up in os.networkInterfaces()[name].",
      },
      run: async (lab) => {
        const { port } = await serve(lab);
        const { reply, error } = await lab.tcp('phone', LAPTOP, port);
        if (reply === 'you are 192.168.0.20\n') return;
        throw new CheckFailure({
          pt: `do celular, ${LAPTOP}:${port} deu ${error ?? `a resposta ${JSON.stringify(reply)}`}`,
          en: `from the phone, ${LAPTOP}:${port} gave ${error ?? `the reply ${JSON.stringify(reply)}`}`,
        });
      },
    },
    {
      name: {
        pt: 'ele escuta só nesse endereço: no próprio notebook, 127.0.0.1 recusa a conexão',
        en: 'it listens on that address only: on the laptop itself, 127.0.0.1 refuses the connection',
      },
      hint: {
        pt: 'o 0.0.0.0 escuta em todas as interfaces, o loopback também; o exercício pede uma só, a de --interface.',
        en: '0.0.0.0 listens on every interface, loopback too; the exercise asks for one, the one --interface names.',
      },
      run: async (lab) => {
        const { port } = await serve(lab);
        const { error } = await lab.tcp('laptop', '127.0.0.1', port);
        if (error === 'ECONNREFUSED') return;
        throw new CheckFailure({
          pt: `no notebook, 127.0.0.1:${port} deu ${error ?? 'uma conexão'}, e não ECONNREFUSED`,
          en: `on the laptop, 127.0.0.1:${port} gave ${error ?? 'a connection'}, not ECONNREFUSED`,
        });
      },
    },
    {
      name: {
        pt: `a primeira linha diz o endereço em que escuta: listening on ${LAPTOP}:PORTA`,
        en: `its first line says the address it listens on: listening on ${LAPTOP}:PORT`,
      },
      run: async (lab) => {
        const { address } = await serve(lab);
        if (address === LAPTOP) return;
        throw new CheckFailure({
          pt: `esperado ${LAPTOP}, a linha diz ${address}`,
          en: `expected ${LAPTOP}, the line says ${address}`,
        });
      },
    },
    {
      name: {
        pt: 'com uma interface que o notebook não tem (--interface wlan0): uma linha no stderr, código 1',
        en: 'with an interface the laptop lacks (--interface wlan0): one line on stderr, exit code 1',
      },
      hint: {
        pt: 'sem a interface, os.networkInterfaces()[name] é undefined: lance um Error que diga qual interface falta; o fim do arquivo o transforma numa linha e no código 1.',
        en: 'without the interface, os.networkInterfaces()[name] is undefined: throw an Error that names the missing interface; the end of the file turns it into one line and exit code 1.',
      },
      run: async (lab) => {
        // (A program that starts a server anyway is stopped after 3 s.)
        const { code, stderr, ms } = await lab.run(
          'laptop',
          ['--interface', 'wlan0', '--port', '0'],
          { limitMs: 3000 },
        );
        if (code === 1 && stderr.trim().split('\n').length === 1 && stderr.includes('wlan0'))
          return;
        const stderrText = JSON.stringify(stderr.trim());
        throw new CheckFailure(
          ms >= 3000
            ? {
                pt: 'o programa ainda rodava depois de 3 s: escutou em algum endereço mesmo sem a interface?',
                en: 'the program was still running after 3 s: did it listen somewhere without the interface?',
              }
            : {
                pt: `código ${code}, stderr ${stderrText}: esperado código 1 e uma linha que diga wlan0`,
                en: `exit code ${code}, stderr ${stderrText}: expected exit code 1 and one line that names wlan0`,
              },
        );
      },
    },
  ],
});
