import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'choice',
    corrects: 'a port names a process',
    question: { pt: 'O que uma porta identifica?', en: 'What does a port name?' },
    options: [
      {
        pt: 'Um processo: cada programa que usa a rede tem a sua porta.',
        en: 'A process: each program that uses the network has its own port.',
      },
      {
        pt: 'Um endpoint dentro de um protocolo: o TCP 443 e o UDP 443 são endpoints diferentes, e um mesmo processo pode ter muitas portas.',
        en: 'An endpoint within one protocol: TCP 443 and UDP 443 are different endpoints, and one process can hold many ports.',
      },
      {
        pt: 'Uma máquina na rede, como o endereço IP.',
        en: 'A machine on the network, as the IP address does.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O endereço IP leva até a máquina; a porta, um número de 16 bits no cabeçalho TCP ou UDP, leva a um socket dentro dela, num protocolo. O `ports.ts` abre vários sockets num processo só, e o TCP e o UDP têm, cada um, as suas 65.536 portas.',
      en: 'The IP address leads to the machine; the port, a 16-bit number in the TCP or UDP header, leads to a socket on it, within one protocol. `ports.ts` opens several sockets in one process, and TCP and UDP each have their own 65,536 ports.',
    },
  },
  {
    kind: 'choice',
    corrects: 'ports above 1023 are temporary',
    question: {
      pt: 'Com `--port 0`, de que intervalo o Linux que gravou a transcrição tirou a porta do servidor?',
      en: "With `--port 0`, from which range did the Linux machine that recorded the transcript take the server's port?",
    },
    options: [
      {
        pt: 'De 32768 a 60999, o intervalo de portas efêmeras padrão do Linux.',
        en: "From 32768 to 60999, Linux's default range of ephemeral ports.",
      },
      { pt: 'De 0 a 1023, as portas do sistema.', en: 'From 0 to 1023, the system ports.' },
      {
        pt: 'De 1024 a 65535: toda porta acima de 1023 é temporária.',
        en: 'From 1024 to 65535: every port above 1023 is temporary.',
      },
      {
        pt: 'De 49152 a 65535, em qualquer sistema.',
        en: 'From 49152 to 65535, on every system.',
      },
    ],
    answer: 0,
    explanation: {
      pt: 'A primeira linha do `ports.ts` mostra o intervalo de `/proc/sys/net/ipv4/ip_local_port_range`, de 32768 a 60999 por padrão no Linux; macOS e Windows usam de 49152 a 65535. A regra "acima de 1023 é temporária" está errada: de 1024 a 49151 ficam serviços de longa duração, como o PostgreSQL na 5432.',
      en: 'The first line of `ports.ts` shows the range in `/proc/sys/net/ipv4/ip_local_port_range`, 32768 to 60999 by default on Linux; macOS and Windows use 49152 to 65535. The rule "above 1023 is temporary" is wrong: 1024 to 49151 hold long-running services, such as PostgreSQL on 5432.',
    },
    tiedTo: { session: 'ports', match: /ephemeral ports here: (\d+) to \d+/ },
  },
  {
    kind: 'choice',
    corrects: 'a port number belongs to one program, whatever the protocol',
    question: {
      pt: 'O `udp-server.ts` está na porta UDP 12000. O que acontece com `ports.ts --port 12000`, que pede a porta TCP 12000 e depois a UDP 12000?',
      en: '`udp-server.ts` holds UDP port 12000. What happens to `ports.ts --port 12000`, which asks for TCP port 12000 and then UDP port 12000?',
    },
    options: [
      {
        pt: 'As duas falham: a porta 12000 já é de outro processo.',
        en: 'Both fail: port 12000 already belongs to another process.',
      },
      {
        pt: 'As duas dão certo, e o kernel entrega cada datagrama aos dois sockets UDP.',
        en: 'Both work, and the kernel hands each datagram to both UDP sockets.',
      },
      {
        pt: 'O TCP escuta na 12000; só o bind do UDP falha, com `EADDRINUSE`.',
        en: 'TCP listens on 12000; only the UDP bind fails, with `EADDRINUSE`.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Cada protocolo tem as suas portas. A porta TCP 12000 está livre, e o `listen` dá certo; a UDP 12000 já tem dono, e o kernel recusa o segundo bind com `EADDRINUSE`.',
      en: 'Each protocol has its own ports. TCP port 12000 is free, and the `listen` works; UDP port 12000 is taken, and the kernel refuses the second bind with `EADDRINUSE`.',
    },
    tiedTo: {
      session: 'ports-udp-taken',
      match: /TCP server listening on \S+:12000 [^\n]*\nbind (E[A-Z]+)/,
    },
  },
  {
    kind: 'choice',
    corrects: '0.0.0.0 is a local-only address',
    question: {
      pt: 'Um servidor fez o bind em `0.0.0.0`. Quem consegue falar com ele?',
      en: 'A server is bound to `0.0.0.0`. Who can talk to it?',
    },
    options: [
      {
        pt: 'Só os programas da própria máquina, como no `127.0.0.1`.',
        en: 'Only programs on the same machine, as with `127.0.0.1`.',
      },
      {
        pt: 'Ninguém: `0.0.0.0` não é um endereço de verdade, então o bind falha.',
        en: 'Nobody: `0.0.0.0` is not a real address, so the bind fails.',
      },
      {
        pt: 'Qualquer um que chegue à sua máquina pela rede, seja pelo Wi-Fi, seja pela internet.',
        en: 'Anyone who reaches your machine over the network, through the Wi-Fi or the internet.',
      },
    ],
    answer: 2,
    explanation: {
      pt: '`0.0.0.0` quer dizer todas as interfaces. Por isso os exemplos do curso fazem o bind em `127.0.0.1`, o loopback, e só expõem o servidor com `--host 0.0.0.0` quando você pede.',
      en: "`0.0.0.0` means every interface. That is why the course's examples bind `127.0.0.1`, the loopback, and expose a server only when you ask, with `--host 0.0.0.0`.",
    },
  },
]);
