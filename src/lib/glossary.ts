// The course's words: one term per concept in each language, what it means, and the variants
// that the pages must not use for it (test/glossary.test.ts fails on them, in lessons, hints
// and diagrams). The glossary pages (appendix/glossary) show the same list.

export interface Entry {
  /** How the course writes it, in each language. */
  term: { pt: string; en: string };
  definition: { pt: string; en: string };
  /** Variants the course does not use for this concept, as patterns over the text. */
  avoid?: { pt?: RegExp[]; en?: RegExp[] };
  /** Where the course explains it (a lesson's slug, without the language). */
  lesson?: string;
}

/** A term's anchor on the glossary page (#handshake-de-tres-vias): lowercase, no accents, dashes. */
export function anchorOf(term: string): string {
  return term
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every link a lesson may make to a term: /appendix/glossary/#termo and /en/appendix/glossary/#term. */
export function glossaryLinks(): Set<string> {
  return new Set(
    glossary.flatMap((e) => [
      `/appendix/glossary/#${anchorOf(e.term.pt)}`,
      `/en/appendix/glossary/#${anchorOf(e.term.en)}`,
    ]),
  );
}

export const glossary: Entry[] = [
  {
    term: { pt: 'socket', en: 'socket' },
    definition: {
      pt: 'A ponta de uma comunicação dentro de um programa: o objeto pelo qual o processo envia e recebe dados pela rede, criado e controlado pela API de sockets.',
      en: 'One end of a communication inside a program: the object through which a process sends and receives data over the network, made and driven through the socket API.',
    },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'porta', en: 'port' },
    definition: {
      pt: 'Um número de 0 a 65535 que, junto com o endereço IP e o protocolo (TCP ou UDP), identifica um endpoint numa máquina. Não identifica um processo.',
      en: 'A number from 0 to 65535 that, with the IP address and the protocol (TCP or UDP), names an endpoint on a machine. It does not name a process.',
    },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'endpoint', en: 'endpoint' },
    definition: {
      pt: 'Um endereço IP e uma porta, num protocolo: onde um socket recebe. Uma conexão TCP liga dois endpoints.',
      en: 'An IP address and a port, in one protocol: where a socket receives. A TCP connection joins two endpoints.',
    },
    avoid: { pt: [/ponto de comunicação/i] },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'porta efêmera', en: 'ephemeral port' },
    definition: {
      pt: 'A porta que o sistema escolhe sozinho para um socket que não fez bind, como o lado cliente de uma conexão. No Linux, de 32768 a 60999 por padrão; no macOS e no Windows, de 49152 a 65535.',
      en: 'The port the system picks by itself for a socket that did not bind, such as the client end of a connection. On Linux, 32768 to 60999 by default; on macOS and Windows, 49152 to 65535.',
    },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'bind (fazer o bind)', en: 'bind' },
    definition: {
      pt: 'Associar um socket a um endereço e uma porta locais, para receber nela. A porta 0 pede ao sistema uma porta livre qualquer.',
      en: 'To give a socket a local address and port, to receive on. Port 0 asks the system for any free port.',
    },
    // (Only about sockets and ports: "o laço prende a thread" is another verb, and fine.)
    avoid: {
      pt: [
        /\bprend\w* (o |um |os |dois )?sockets?\b/iu,
        /sockets?[^.]{0,40}?(?<!\p{L})pres[oa]s? (a|à|ao|na|no)(?!\p{L})/iu,
        /(?<!\p{L})pres[oa]s? (a|à|ao|na|no) (ela|porta|uma porta|endereço|um endereço)(?!\p{L})/iu,
      ],
    },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: '4-tupla', en: '4-tuple' },
    definition: {
      pt: 'Os quatro números que identificam uma conexão TCP: IP local, porta local, IP remoto, porta remota (mais o protocolo). Cada conexão aceita por um servidor tem a sua.',
      en: 'The four values that name a TCP connection: local IP, local port, remote IP, remote port (plus the protocol). Each connection a server accepts has its own.',
    },
    avoid: { pt: [/quádrupla/i], en: [/\bquadruple\b/i] },
    lesson: 'tcp/many-connections',
  },
  {
    term: { pt: 'datagrama', en: 'datagram' },
    definition: {
      pt: 'Uma mensagem UDP: chega inteira ou não chega, sem conexão, sem garantia de entrega nem de ordem.',
      en: 'A UDP message: it arrives whole or not at all, with no connection and no guarantee of delivery or order.',
    },
    lesson: 'udp/echo',
  },
  {
    term: { pt: 'segmento', en: 'segment' },
    definition: {
      pt: 'Um pacote TCP: um cabeçalho (portas, números de sequência, flags) e, às vezes, dados. O TCP corta o fluxo de bytes em segmentos como quiser.',
      en: 'A TCP packet: a header (ports, sequence numbers, flags) and, sometimes, data. TCP cuts the byte stream into segments as it likes.',
    },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'handshake de três vias', en: 'three-way handshake' },
    definition: {
      pt: 'Os três segmentos que abrem uma conexão TCP: SYN do cliente, SYN-ACK do servidor, ACK do cliente.',
      en: 'The three segments that open a TCP connection: the client’s SYN, the server’s SYN-ACK, the client’s ACK.',
    },
    avoid: {
      pt: [/handshake (em|de) três etapas/i, /aperto de mão/i],
      en: [/three-step handshake/i],
    },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'FIN e half-close', en: 'FIN and half-close' },
    definition: {
      pt: 'FIN é o segmento que diz "não envio mais nada". Depois dele, a outra direção pode continuar enviando: a conexão está meio fechada (half-close). No Node, end().',
      en: 'FIN is the segment that says "I will send nothing more". After it, the other direction may go on sending: the connection is half-closed. In Node, end().',
    },
    lesson: 'tcp/closing',
  },
  {
    term: { pt: 'RST', en: 'RST' },
    definition: {
      pt: 'O segmento que anula uma conexão de uma vez. Em geral, o programa vê ECONNRESET; em resposta a um SYN, é ECONNREFUSED, e depois do FIN do outro lado é a próxima escrita que falha, com EPIPE. No Node, resetAndDestroy().',
      en: 'The segment that voids a connection at once. Usually the program then sees ECONNRESET; in answer to a SYN it is ECONNREFUSED, and after the other side’s FIN it is the next write that fails, with EPIPE. In Node, resetAndDestroy().',
    },
    lesson: 'tcp/closing',
  },
  {
    term: { pt: 'confiável', en: 'reliable' },
    definition: {
      pt: 'Diz-se do TCP: entrega os bytes na ordem, sem buracos nem repetições, ou, quando não consegue, encerra a conexão com um erro (sem dizer quais bytes se perderam). Não quer dizer seguro: sigilo e autenticação são do TLS.',
      en: 'Said of TCP: it delivers the bytes in order, without gaps or repeats, or, when it cannot, ends the connection with an error (without saying which bytes were lost). It does not mean secure: secrecy and authentication are TLS’s.',
    },
    avoid: { en: [/\btrustworthy\b/i] },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'ICMP port unreachable', en: 'ICMP port unreachable' },
    definition: {
      pt: 'A mensagem ICMP (o protocolo de avisos do IP) que o sistema devolve quando chega um datagrama UDP a uma porta em que nada escuta. Um socket UDP conectado a vê como ECONNREFUSED.',
      en: 'The ICMP message (IP’s protocol for notices) that a system sends back when a UDP datagram reaches a port where nothing listens. A connected UDP socket sees it as ECONNREFUSED.',
    },
    avoid: { pt: [/porta inalcançável/i, /porta inacessível/i] },
    lesson: 'udp/netcat',
  },
  {
    term: { pt: 'MTU', en: 'MTU' },
    definition: {
      pt: 'O maior pacote IP que um enlace transmite de uma vez: 1500 bytes na Ethernet, 65536 no loopback do Linux. Um datagrama maior é fragmentado.',
      en: 'The largest IP packet a link carries in one piece: 1500 bytes on Ethernet, 65536 on Linux’s loopback. A larger datagram is fragmented.',
    },
    lesson: 'udp/datagram-size',
  },
  {
    term: { pt: 'camada', en: 'layer' },
    definition: {
      pt: 'Cada nível da pilha de rede: aplicação (HTTP, DNS), transporte (TCP, UDP: portas), rede (IP: endereços), enlace (Ethernet, Wi-Fi, loopback).',
      en: 'Each level of the network stack: application (HTTP, DNS), transport (TCP, UDP: ports), network (IP: addresses), link (Ethernet, Wi-Fi, loopback).',
    },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'kernel', en: 'kernel' },
    definition: {
      pt: 'A parte do sistema operacional que controla o hardware e a rede: é ele quem guarda os sockets, escolhe portas, envia e recebe os pacotes. Os programas pedem tudo isso por chamadas de sistema.',
      en: 'The part of the operating system that drives the hardware and the network: it keeps the sockets, picks ports, sends and receives the packets. Programs ask for all this through system calls.',
    },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'loopback', en: 'loopback' },
    definition: {
      pt: 'A interface de rede que não sai da máquina: 127.0.0.1 (IPv4) e ::1 (IPv6). Tudo neste curso roda nela.',
      en: 'The network interface that never leaves the machine: 127.0.0.1 (IPv4) and ::1 (IPv6). Everything in this course runs on it.',
    },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'NAT', en: 'NAT' },
    definition: {
      pt: 'Tradução de endereços: um roteador troca o endereço e a porta de origem dos pacotes que saem de uma rede privada pelos seus, e desfaz a troca nas respostas.',
      en: 'Address translation: a router replaces the source address and port of packets leaving a private network with its own, and undoes it on the replies.',
    },
    lesson: 'udp/loss-and-retries',
  },
  {
    term: { pt: 'requisição', en: 'request' },
    definition: {
      pt: 'O que um cliente HTTP envia: a linha de requisição (método, caminho, versão), os cabeçalhos e, às vezes, um corpo.',
      en: 'What an HTTP client sends: the request line (method, path, version), the headers and, sometimes, a body.',
    },
    // (Only for HTTP: "pedir" and "pedido" stay fine elsewhere, as in "o que foi pedido".)
    avoid: {
      pt: [
        /\bpedidos? (HTTP|GET|HEAD|POST)\b/i,
        /\blinhas? (do|de) pedido\b/i,
        /\bpedido (do|de um) (navegador|cliente HTTP)\b/i,
      ],
    },
    lesson: 'tcp/web-server',
  },
  {
    term: { pt: 'cabeçalho', en: 'header' },
    definition: {
      pt: 'Uma linha "Nome: valor" de uma requisição ou resposta HTTP; os cabeçalhos terminam numa linha vazia.',
      en: 'A "Name: value" line of an HTTP request or response; the headers end with an empty line.',
    },
    avoid: { pt: [/bloco de cabeçalhos/i] },
    lesson: 'tcp/web-server',
  },
  {
    term: { pt: 'a RFC', en: 'RFC' },
    definition: {
      pt: 'Request for Comments: os documentos que definem os protocolos da internet (a RFC 9293 define o TCP). Em português, "a RFC".',
      en: 'Request for Comments: the documents that define the internet’s protocols (RFC 9293 defines TCP).',
    },
    avoid: { pt: [/\b(o|do|no|pelo|um) RFC\b/i] },
  },
  {
    term: { pt: 'verificação', en: 'check' },
    definition: {
      pt: 'Cada item que `npm run check` testa num exercício.',
      en: 'Each item `npm run check` tests in an exercise.',
    },
    avoid: { pt: [/\bconferências?\b/i] },
  },
];
