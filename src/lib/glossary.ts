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
  /**
   * What counts as a use of the term in a lesson's running text (`code`: in inline code, such as
   * `await once`). The term's first use in the course is a link to it (to its glossary entry or to
   * the lesson that explains it); test/glossary.test.ts checks. A term without `uses` is not followed.
   */
  uses?: { pt: RegExp; en: RegExp; code?: RegExp };
  /** Linked at its first use in every lesson, not only in the course's first: every lesson's code leans on it. */
  everyLesson?: boolean;
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
    uses: { pt: /\bsockets?\b/i, en: /\bsockets?\b/i },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'porta', en: 'port' },
    definition: {
      pt: 'Um número de 0 a 65535 que, junto com o endereço IP e o protocolo (TCP ou UDP), identifica um endpoint numa máquina. Não identifica um processo.',
      en: 'A number from 0 to 65535 that, with the IP address and the protocol (TCP or UDP), names an endpoint on a machine. It does not name a process.',
    },
    uses: { pt: /\bportas?\b(?! efêmeras?)/i, en: /(?<!ephemeral )\bports?\b/i },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'endpoint', en: 'endpoint' },
    definition: {
      pt: 'Um endereço IP e uma porta, num protocolo: onde um socket recebe. Uma conexão TCP liga dois endpoints.',
      en: 'An IP address and a port, in one protocol: where a socket receives. A TCP connection joins two endpoints.',
    },
    avoid: { pt: [/ponto de comunicação/i] },
    uses: { pt: /\bendpoints?\b/i, en: /\bendpoints?\b/i },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'porta efêmera', en: 'ephemeral port' },
    definition: {
      pt: 'A porta que o sistema escolhe sozinho para um socket que não fez bind, como o lado cliente de uma conexão. No Linux, de 32768 a 60999 por padrão; no macOS e no Windows, de 49152 a 65535.',
      en: 'The port the system picks by itself for a socket that did not bind, such as the client end of a connection. On Linux, 32768 to 60999 by default; on macOS and Windows, 49152 to 65535.',
    },
    uses: { pt: /\b(portas? )?efêmeras?\b/i, en: /\bephemeral\b/i },
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
    uses: { pt: /\bbind\b/i, en: /\bbind\b/i },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: '4-tupla', en: '4-tuple' },
    definition: {
      pt: 'Os quatro números que identificam uma conexão TCP: IP local, porta local, IP remoto, porta remota (mais o protocolo). Cada conexão aceita por um servidor tem a sua.',
      en: 'The four values that name a TCP connection: local IP, local port, remote IP, remote port (plus the protocol). Each connection a server accepts has its own.',
    },
    avoid: { pt: [/quádrupla/i], en: [/\bquadruple\b/i] },
    uses: { pt: /\b4-tuplas?\b/i, en: /\b4-tuples?\b/i },
    lesson: 'tcp/many-connections',
  },
  {
    term: { pt: 'datagrama', en: 'datagram' },
    definition: {
      pt: 'Uma mensagem UDP: chega inteira ou não chega, sem conexão, sem garantia de entrega nem de ordem.',
      en: 'A UDP message: it arrives whole or not at all, with no connection and no guarantee of delivery or order.',
    },
    uses: { pt: /\bdatagramas?\b/i, en: /\bdatagrams?\b/i },
    lesson: 'udp/echo',
  },
  {
    term: { pt: 'segmento', en: 'segment' },
    definition: {
      pt: 'Um pacote TCP: um cabeçalho (portas, números de sequência, flags) e, às vezes, dados. O TCP corta o fluxo de bytes em segmentos como quiser.',
      en: 'A TCP packet: a header (ports, sequence numbers, flags) and, sometimes, data. TCP cuts the byte stream into segments as it likes.',
    },
    uses: { pt: /\bsegmentos?\b/i, en: /\bsegments?\b/i },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'handshake de três vias', en: 'three-way handshake' },
    definition: {
      pt: 'Os três segmentos que abrem uma conexão TCP: SYN do cliente, SYN-ACK do servidor, ACK do cliente.',
      en: 'The three segments that open a TCP connection: the client’s SYN, the server’s SYN-ACK, the client’s ACK.',
    },
    avoid: {
      pt: [/handshake (em|de) três etapas/i, /\btrês etapas\b/i, /aperto de mão/i],
      en: [/three-step handshake/i, /\bthree steps\b/i],
    },
    uses: { pt: /\bhandshakes?\b/i, en: /\bhandshakes?\b/i },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'FIN e half-close', en: 'FIN and half-close' },
    definition: {
      pt: 'FIN é o segmento que diz "não envio mais nada". Depois dele, a outra direção pode continuar enviando: a conexão está meio fechada (half-close). No Node, end().',
      en: 'FIN is the segment that says "I will send nothing more". After it, the other direction may go on sending: the connection is half-closed. In Node, end().',
    },
    uses: { pt: /\bFIN\b|\bhalf-close\b/, en: /\bFIN\b|\bhalf-close[sd]?\b/ },
    lesson: 'tcp/closing',
  },
  {
    term: { pt: 'RST', en: 'RST' },
    definition: {
      pt: 'O segmento que anula uma conexão de uma vez. Em geral, o programa vê ECONNRESET; em resposta a um SYN, é ECONNREFUSED, e depois do FIN do outro lado é a próxima escrita que falha, com EPIPE. No Node, resetAndDestroy().',
      en: 'The segment that voids a connection at once. Usually the program then sees ECONNRESET; in answer to a SYN it is ECONNREFUSED, and after the other side’s FIN it is the next write that fails, with EPIPE. In Node, resetAndDestroy().',
    },
    uses: { pt: /\bRST\b/, en: /\bRST\b/ },
    lesson: 'tcp/closing',
  },
  {
    term: { pt: 'confiável', en: 'reliable' },
    definition: {
      pt: 'Diz-se do TCP: entrega os bytes na ordem, sem buracos nem repetições, ou, quando não consegue, encerra a conexão com um erro (sem dizer quais bytes se perderam). Não quer dizer seguro: confidencialidade e autenticação são do TLS.',
      en: 'Said of TCP: it delivers the bytes in order, without gaps or repeats, or, when it cannot, ends the connection with an error (without saying which bytes were lost). It does not mean secure: confidentiality and authentication are TLS’s.',
    },
    avoid: { en: [/\btrustworthy\b/i] },
    uses: { pt: /(?<!\p{L})confiáve(l|is)(?!\p{L})/iu, en: /\b(un)?reliab(le|ility)\b/i },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'ICMP port unreachable', en: 'ICMP port unreachable' },
    definition: {
      pt: 'A mensagem ICMP (o protocolo de avisos do IP) que o sistema devolve quando chega um datagrama UDP a uma porta em que nada escuta. Um socket UDP conectado a vê como ECONNREFUSED.',
      en: 'The ICMP message (IP’s protocol for notices) that a system sends back when a UDP datagram reaches a port where nothing listens. A connected UDP socket sees it as ECONNREFUSED.',
    },
    avoid: { pt: [/porta inalcançável/i, /porta inacessível/i] },
    uses: { pt: /\bICMP\b/, en: /\bICMP\b/ },
    lesson: 'udp/netcat',
  },
  {
    term: { pt: 'MTU', en: 'MTU' },
    definition: {
      pt: 'O maior pacote IP que um enlace transmite de uma vez: 1.500 bytes na Ethernet, 65.536 no loopback do Linux. Um datagrama maior é fragmentado.',
      en: 'The largest IP packet a link carries in one piece: 1,500 bytes on Ethernet, 65,536 on Linux’s loopback. A larger datagram is fragmented.',
    },
    uses: { pt: /\bMTU\b/, en: /\bMTU\b/ },
    lesson: 'udp/datagram-size',
  },
  {
    term: { pt: 'MTU do caminho', en: 'path MTU' },
    definition: {
      pt: 'O menor MTU dos enlaces entre duas máquinas, que nenhuma das duas conhece de antemão. O kernel o descobre quando um pacote com a flag DF, grande demais para um enlace, se perde e o roteador avisa com um ICMP "need to frag"; se esse aviso não chega, os pacotes grandes somem em silêncio.',
      en: 'The smallest MTU of the links between two machines, which neither knows beforehand. The kernel finds it out when a packet with the DF flag, too big for a link, is lost and the router says so with an ICMP "need to frag"; if that notice never comes, the big packets vanish silently.',
    },
    uses: { pt: /\bMTU do caminho\b/, en: /\bpath MTU\b/ },
    lesson: 'beyond/mtu',
  },
  {
    term: { pt: 'retransmissão', en: 'retransmission' },
    definition: {
      pt: 'O mesmo segmento TCP enviado de novo, com o mesmo número de sequência, quando o ACK dele não chega a tempo: o kernel guarda o que mandou até a confirmação. O programa não vê nada disso, só uma demora.',
      en: 'The same TCP segment sent again, with the same sequence number, when its ACK does not come in time: the kernel keeps what it sent until it is confirmed. The program sees none of it, only a delay.',
    },
    lesson: 'beyond/loss',
  },
  {
    term: { pt: 'MSS', en: 'MSS' },
    definition: {
      pt: 'Maximum segment size: a opção do SYN que diz o maior pedaço de dados que uma ponta quer receber num segmento, o MTU da sua interface menos 40 bytes de cabeçalhos IP e TCP (1.460 na Ethernet, 65.495 no loopback).',
      en: 'Maximum segment size: the SYN option that says the largest piece of data one end wants to receive in a segment, its interface’s MTU less 40 bytes of IP and TCP headers (1,460 on Ethernet, 65,495 on loopback).',
    },
    uses: { pt: /\bMSS\b/, en: /\bMSS\b/ },
    lesson: 'beyond/mtu',
  },
  {
    term: { pt: 'camada', en: 'layer' },
    definition: {
      pt: 'Cada nível da pilha de rede: aplicação (HTTP, DNS, TLS), transporte (TCP, UDP: portas), rede (IP: endereços), enlace (Ethernet, Wi-Fi, loopback).',
      en: 'Each level of the network stack: application (HTTP, DNS, TLS), transport (TCP, UDP: ports), network (IP: addresses), link (Ethernet, Wi-Fi, loopback).',
    },
    uses: { pt: /\bcamadas?\b/i, en: /\blayers?\b/i },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'kernel', en: 'kernel' },
    definition: {
      pt: 'A parte do sistema operacional que controla o hardware e a rede: é ele quem guarda os sockets, escolhe portas, envia e recebe os pacotes. Os programas pedem tudo isso por chamadas de sistema.',
      en: 'The part of the operating system that drives the hardware and the network: it keeps the sockets, picks ports, sends and receives the packets. Programs ask for all this through system calls.',
    },
    uses: { pt: /\bkernel\b/i, en: /\bkernel\b/i },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'loopback', en: 'loopback' },
    definition: {
      pt: 'A interface de rede que não sai da máquina: 127.0.0.1 (IPv4) e ::1 (IPv6). Tudo neste curso roda nela.',
      en: 'The network interface that never leaves the machine: 127.0.0.1 (IPv4) and ::1 (IPv6). Everything in this course runs on it.',
    },
    uses: { pt: /\bloopback\b/i, en: /\bloopback\b/i },
    lesson: 'basics/sockets-and-ports',
  },
  {
    term: { pt: 'interface', en: 'interface' },
    definition: {
      pt: 'Uma porta de entrada e saída de uma máquina para uma rede, com os seus endereços: lo, o loopback (127.0.0.1); eth0 ou wlan0, a rede local. Um bind em 0.0.0.0 escuta em todas; num endereço, só na interface que o tem. O ip addr lista as interfaces.',
      en: 'One of a machine’s doors to a network, with its own addresses: lo, the loopback (127.0.0.1); eth0 or wlan0, the local network. A bind to 0.0.0.0 listens on all of them; to one address, only on the interface that has it. ip addr lists the interfaces.',
    },
    avoid: { pt: [/placas? de rede/i] },
    lesson: 'beyond/other-hosts',
  },
  {
    term: { pt: 'endereço privado', en: 'private address' },
    definition: {
      pt: 'Um endereço das faixas reservadas às redes locais (RFC 1918): 10.0.0.0/8, 172.16.0.0/12 e 192.168.0.0/16. Qualquer rede pode usá-las, e nenhum roteador da internet encaminha pacotes para elas; de fora, chega-se a uma máquina assim só por NAT.',
      en: 'An address from the ranges set aside for local networks (RFC 1918): 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16. Any network may use them, and no router on the internet forwards packets to them; from outside, such a machine is reached only through NAT.',
    },
    avoid: { pt: [/IPs? privad[oa]s?/i, /endereços? (IP )?interno/i] },
    lesson: 'beyond/other-hosts',
  },
  {
    term: { pt: 'namespace de rede', en: 'network namespace' },
    definition: {
      pt: 'Uma cópia isolada da rede do Linux: interfaces, endereços, rotas, portas e firewall próprios. Os laboratórios do curso fazem de cada máquina um namespace, ligados por pares de interfaces virtuais (veth).',
      en: 'An isolated copy of Linux’s network: its own interfaces, addresses, routes, ports and firewall. The course’s labs make each machine a namespace, joined by pairs of virtual interfaces (veth).',
    },
    lesson: 'beyond/other-hosts',
  },
  {
    term: { pt: 'firewall: drop e reject', en: 'firewall: drop and reject' },
    definition: {
      pt: 'O firewall decide quais pacotes passam. O que não passa ele descarta em silêncio (drop: um connect espera até o timeout) ou recusa com uma resposta (reject: um RST ou um ICMP, e o cliente vê ECONNREFUSED ou EHOSTUNREACH na hora).',
      en: 'The firewall decides which packets get through. What does not, it throws away in silence (drop: a connect waits until its timeout) or refuses with an answer (reject: a RST or an ICMP message, and the client sees ECONNREFUSED or EHOSTUNREACH at once).',
    },
    avoid: { pt: [/parede de fogo/i] },
    lesson: 'beyond/firewalls',
  },
  {
    term: { pt: 'NAT', en: 'NAT' },
    definition: {
      pt: 'Tradução de endereços: um roteador troca o endereço e a porta de origem dos pacotes que saem de uma rede privada pelos seus, e desfaz a troca nas respostas. O servidor vê o roteador, nunca a máquina atrás dele; de fora, ninguém abre uma conexão com essa máquina, a não ser por um redirecionamento de portas.',
      en: 'Address translation: a router replaces the source address and port of packets leaving a private network with its own, and undoes it on the replies. The server sees the router, never the machine behind it; from outside, nobody opens a connection to that machine, except through port forwarding.',
    },
    uses: { pt: /\bNAT\b/, en: /\bNAT\b/ },
    lesson: 'beyond/nat',
  },
  {
    term: { pt: 'redirecionamento de portas', en: 'port forwarding' },
    definition: {
      pt: 'Uma regra do roteador que manda o que chega de fora a uma porta dele para uma máquina e uma porta da rede privada (dnat, no nftables): o único jeito de receber conexões atrás de um NAT.',
      en: 'A router rule that sends what reaches one of its ports from outside to a machine and port on the private network (dnat, in nftables): the only way to receive connections behind a NAT.',
    },
    uses: {
      pt: /\bredirecionamentos? de portas?\b/i,
      en: /\bport[- ]forward(ing|s|ed)?\b/i,
    },
    lesson: 'beyond/nat',
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
        /\bclientes? (HTTP )?(envia|manda)m? (um|o|os) pedidos?\b/i,
        /\bpedidos? por (ela|atendidos?)\b/i,
      ],
    },
    uses: { pt: /\brequisiç(ão|ões)\b/i, en: /\bHTTP requests?\b|\brequest lines?\b/i },
    lesson: 'tcp/web-server',
  },
  {
    term: { pt: 'cabeçalho', en: 'header' },
    definition: {
      pt: 'A parte de controle no começo de um pacote ou de uma mensagem, como os cabeçalhos IP, TCP, UDP e DNS. No HTTP, cada linha "Nome: valor" de uma requisição ou resposta é um cabeçalho, e os cabeçalhos terminam numa linha vazia.',
      en: 'The control part at the start of a packet or a message, such as the IP, TCP, UDP and DNS headers. In HTTP, each "Name: value" line of a request or response is a header, and the headers end with an empty line.',
    },
    avoid: { pt: [/bloco de cabeçalhos/i] },
    uses: { pt: /\bcabeçalhos?\b/i, en: /\bheaders?\b/i },
    lesson: 'tcp/web-server',
  },
  {
    term: { pt: 'fluxo (stream)', en: 'stream' },
    definition: {
      pt: 'O que o TCP entrega: uma sequência de bytes, em ordem, sem fronteiras entre as mensagens. Quem lê é que separa as mensagens, com uma quebra de linha ou com o tamanho na frente.',
      en: 'What TCP delivers: a sequence of bytes, in order, with no boundaries between messages. The reader is the one who separates the messages, with a newline or with the length in front.',
    },
    avoid: { pt: [/\blição sobre streams\b/i, /\b(um|o|os|do|no) streams? (de bytes|TCP)\b/i] },
    uses: { pt: /(?<!controle de )\bfluxos?\b/i, en: /\bstreams?\b/i },
    lesson: 'tcp/streams',
  },
  {
    term: { pt: 'full-duplex', en: 'full duplex' },
    definition: {
      pt: 'Diz-se de uma comunicação em que os dois lados podem enviar ao mesmo tempo, cada um no seu sentido, sem esperar a vez. O TCP e o UDP são full-duplex.',
      en: 'Said of a communication in which both ends can send at the same time, each in its own direction, without taking turns. TCP and UDP are full duplex.',
    },
    avoid: { pt: [/\bfull duplex\b/i] },
    uses: { pt: /\bfull-duplex\b/i, en: /\bfull[ -]duplex\b/i },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'backlog', en: 'backlog' },
    definition: {
      pt: 'A fila de conexões que já terminaram o handshake e esperam o accept() do servidor. O tamanho é o número passado a listen(); no Node, 511 por padrão.',
      en: 'The queue of connections that have finished the handshake and wait for the server’s accept(). Its size is the number given to listen(); in Node, 511 by default.',
    },
    uses: { pt: /\bbacklog\b/i, en: /\bbacklog\b/i },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'TIME_WAIT', en: 'TIME_WAIT' },
    definition: {
      pt: 'O estado em que fica, depois do fim, a conexão de quem mandou o primeiro FIN, para que um segmento atrasado não se confunda com uma conexão nova. No Linux, dura 60 segundos.',
      en: 'The state the connection of whoever sent the first FIN stays in after the end, so that a late segment is not mistaken for a new connection. On Linux, it lasts 60 seconds.',
    },
    uses: { pt: /\bTIME[_-]WAIT\b/, en: /\bTIME[_-]WAIT\b/, code: /\bTIME_WAIT\b/ },
    lesson: 'tcp/closing',
  },
  {
    term: { pt: 'flag (a flag)', en: 'flag' },
    definition: {
      pt: 'Um bit de um cabeçalho que liga ou desliga uma opção: no TCP, SYN, ACK, FIN e RST; no DNS, QR, RD, RA e TC. Em português, "a flag", no feminino.',
      en: 'A bit in a header that turns an option on or off: in TCP, SYN, ACK, FIN and RST; in DNS, QR, RD, RA and TC.',
    },
    avoid: {
      pt: [
        /\b(o|os|do|dos|no|nos|ao|aos|um|uns|pelo|pelos|outro|outros|esse|esses|este|estes|dois|todos os) flags?\b/i,
      ],
    },
    uses: { pt: /\bflags?\b/i, en: /\bflags?\b/i },
    lesson: 'tcp/packets',
  },
  {
    term: { pt: 'listener', en: 'listener' },
    definition: {
      pt: 'A função que um objeto do Node, como um socket ou um servidor, chama quando acontece um evento: socket.on("data", listener). Um "error" sem listener derruba o processo inteiro.',
      en: 'The function that a Node object, such as a socket or a server, calls when an event happens: socket.on("data", listener). An "error" with no listener brings the whole process down.',
    },
    // "Ninguém escuta" is for ports (nothing listens on 12000); an event has, or lacks, a listener.
    avoid: {
      pt: [
        /\bouvintes?\b/i,
        /\btratador(es|a)?\b/i,
        /ninguém (está )?escut\w*,? (o Node|derruba)/i,
      ],
      en: [/\bnobody listens for\b/i, /\band nobody is listening\b/i],
    },
    uses: { pt: /\blisteners?\b/i, en: /\blisteners?\b/i },
    everyLesson: true,
    lesson: 'basics/node-events',
  },
  {
    term: { pt: 'callback', en: 'callback' },
    definition: {
      pt: 'Uma função que você entrega ao Node para ele chamar depois, quando algo acontecer: um datagrama enviado, um timer vencido, bytes que chegaram. Os listeners de eventos são callbacks.',
      en: 'A function you hand to Node for it to call later, when something happens: a datagram sent, a timer due, bytes that arrived. Event listeners are callbacks.',
    },
    uses: { pt: /\bcallbacks?\b/i, en: /\bcallbacks?\b/i },
    everyLesson: true,
    lesson: 'basics/node-events',
  },
  {
    term: { pt: 'event loop', en: 'event loop' },
    definition: {
      pt: 'O laço que o Node roda na thread do seu programa: pergunta ao sistema quais sockets e timers têm novidade (no Linux, com o epoll), chama o callback de cada novidade, um de cada vez, e volta a perguntar.',
      en: 'The loop Node runs on your program’s thread: it asks the system which sockets and timers have news (on Linux, with epoll), calls the callback for each piece of news, one at a time, and asks again.',
    },
    uses: { pt: /\bevent loop\b/i, en: /\bevent loop\b/i },
    lesson: 'tcp/one-thread',
  },
  {
    term: { pt: 'timeout (prazo)', en: 'timeout' },
    definition: {
      pt: 'Quanto tempo um programa espera por algo (uma resposta, uma conexão, o próximo byte) antes de desistir: "se nada acontecer em tanto tempo, desisto". O curso usa timeout e prazo como sinônimos.',
      en: 'How long a program waits for something (an answer, a connection, the next byte) before it gives up: "if nothing happens within this long, I give up".',
    },
    avoid: { pt: [/\btempos? limites?\b/i, /\btempo esgotado\b/i] },
    uses: { pt: /\btimeouts?\b/i, en: /\btimeouts?\b/i },
    lesson: 'around/timeouts',
  },
  {
    term: { pt: 'keepalive', en: 'keepalive' },
    definition: {
      pt: 'Sondas que o kernel envia numa conexão TCP parada para saber se o outro lado ainda existe. Por padrão, um socket não as envia; no Node, socket.setKeepAlive(true, atraso) as liga.',
      en: 'Probes the kernel sends on an idle TCP connection to find out whether the other end still exists. A socket does not send them by default; in Node, socket.setKeepAlive(true, delay) turns them on.',
    },
    uses: { pt: /\bkeepalive\b/i, en: /\bkeepalive\b/i },
    lesson: 'around/timeouts',
  },
  {
    term: { pt: 'idempotente', en: 'idempotent' },
    definition: {
      pt: 'Diz-se de uma requisição que pode ser repetida sem mudar o resultado, como ler um valor ou perguntar um nome ao DNS. Repetir uma que não é idempotente pode fazer a mesma coisa duas vezes.',
      en: 'Said of a request that can be repeated without changing the outcome, such as reading a value or asking DNS for a name. Repeating one that is not idempotent may do the same thing twice.',
    },
    uses: { pt: /\bidempotentes?\b/i, en: /\bidempoten(t|cy)\b/i },
    lesson: 'udp/loss-and-retries',
  },
  {
    term: { pt: 'resolver', en: 'resolver' },
    definition: {
      pt: 'Quem transforma um nome num endereço. No programa, é o stub resolver, a função que pergunta (no Node, dns.lookup, que usa o getaddrinfo() do sistema, ou dns.Resolver, que fala DNS direto); na rede, é o resolver recursivo, o servidor DNS que pergunta à raiz, aos servidores de TLD e aos autoritativos em nome dos clientes, e guarda as respostas em cache pelo TTL delas.',
      en: 'Whoever turns a name into an address. In a program, the stub resolver, the function that asks (in Node, dns.lookup, which uses the system’s getaddrinfo(), or dns.Resolver, which speaks DNS itself); on the network, the recursive resolver, the DNS server that asks the root, the TLD servers and the authoritative ones on the clients’ behalf, and keeps the answers in its cache for their TTL.',
    },
    avoid: { pt: [/\bresolvedor(es|as?)?\b/i] },
    uses: {
      pt: /(?<!\p{L})resolvers(?!\p{L})|(?<!\p{L})(o|um|os|do|dos|no|nos|ao|aos|pelo|seu|cada) resolver(?!\p{L})/iu,
      en: /\bresolvers?\b/i,
    },
    lesson: 'around/names',
  },
  {
    term: { pt: 'TLS', en: 'TLS' },
    definition: {
      pt: 'Transport Layer Security: o protocolo que protege uma conexão TCP. Dá confidencialidade (quem está no caminho não lê), integridade (um byte alterado é percebido) e autenticação (o servidor prova quem é com um certificado). Roda em cima do TCP, na camada de aplicação; o HTTPS é o HTTP dentro do TLS.',
      en: 'Transport Layer Security: the protocol that protects a TCP connection. It gives confidentiality (whoever is on the path cannot read), integrity (a changed byte is noticed) and authentication (the server proves who it is with a certificate). It runs on top of TCP, in the application layer; HTTPS is HTTP inside TLS.',
    },
    avoid: { pt: [/\bsigilo\b/i], en: [/\bsecrecy\b/i] },
    uses: { pt: /\bTLS\b/, en: /\bTLS\b/ },
    lesson: 'around/tls',
  },
  {
    term: { pt: 'registro TLS', en: 'TLS record' },
    definition: {
      pt: 'A unidade em que o TLS manda os dados: até 16 KiB de dados, cifrados, com o tamanho na frente e uma marca que prova que ninguém os alterou. Um registro alterado é recusado inteiro.',
      en: 'The unit TLS sends data in: up to 16 KiB of data, encrypted, with the length in front and a tag that proves nobody changed them. A tampered record is refused whole.',
    },
    avoid: {
      pt: [/\bcada bloco\b/i, /\bbloco inteiro\b/i],
      en: [/\b(each|every|whole) block\b/i],
    },
    uses: { pt: /\bregistros? TLS\b/i, en: /\bTLS records?\b/i },
    lesson: 'around/tls',
  },
  {
    term: { pt: 'certificado', en: 'certificate' },
    definition: {
      pt: 'O documento que liga um nome, como localhost, a uma chave pública, assinado por uma autoridade certificadora ou pela própria chave (autoassinado). No handshake TLS, o servidor o mostra e prova que tem a chave privada dele.',
      en: 'The document that binds a name, such as localhost, to a public key, signed by a certificate authority or by that key itself (self-signed). In the TLS handshake, the server shows it and proves it holds its private key.',
    },
    uses: { pt: /\bcertificados?\b/i, en: /\bcertificates?\b/i },
    lesson: 'around/tls',
  },
  {
    term: { pt: 'evento', en: 'event' },
    definition: {
      pt: 'Um aviso com nome que um objeto do Node, como um servidor ou um socket, emite quando algo acontece: "connection" (chegou um cliente), "data" (chegaram bytes), "message" (chegou um datagrama), "error", "close". O programa fica sabendo por um listener.',
      en: 'A named notice that a Node object, such as a server or a socket, emits when something happens: "connection" (a client arrived), "data" (bytes arrived), "message" (a datagram arrived), "error", "close". The program hears about it through a listener.',
    },
    uses: { pt: /(?<!\p{L})eventos?(?!\p{L})/iu, en: /\bevents?\b/i },
    lesson: 'basics/node-events',
  },
  {
    term: { pt: 'promise', en: 'promise' },
    definition: {
      pt: 'Um objeto que representa um resultado que ainda não existe: mais tarde, ele se cumpre com um valor ou falha com um erro. Numa função async, await espera a promise sem parar o programa; once(objeto, "evento"), do módulo node:events, dá uma promise que se cumpre na próxima vez que o evento acontecer.',
      en: 'An object standing for a result that does not exist yet: later, it is fulfilled with a value or rejected with an error. In an async function, await waits for the promise without stopping the program; once(object, "event"), from the node:events module, gives a promise fulfilled the next time the event happens.',
    },
    uses: { pt: /\bpromises?\b/i, en: /\b(a|the|JavaScript's) promises?\b/i, code: /\bawait\b/ },
    everyLesson: true,
    lesson: 'basics/node-events',
  },
  {
    term: { pt: 'thread', en: 'thread' },
    definition: {
      pt: 'Uma sequência de instruções que o processador executa uma depois da outra. Um processo tem pelo menos uma; o Node roda todo o seu JavaScript numa só, a do event loop.',
      en: 'A sequence of instructions the processor carries out one after another. A process has at least one; Node runs all of your JavaScript on a single one, the event loop’s.',
    },
    uses: { pt: /\bthreads?\b/i, en: /\bthreads?\b/i },
    lesson: 'tcp/one-thread',
  },
  {
    term: { pt: 'backpressure (contrapressão)', en: 'backpressure' },
    definition: {
      pt: 'Quem lê devagar faz quem escreve esperar, em vez de deixar a memória crescer. No Node, quando write() devolve false, o servidor para de ler (pause()) até o evento "drain"; no TCP, é o controle de fluxo.',
      en: 'A reader that cannot keep up makes the writer wait, instead of letting the memory grow. In Node, when write() returns false, the server stops reading (pause()) until the "drain" event; in TCP, it is flow control.',
    },
    uses: { pt: /\bbackpressure\b|\bcontrapressão\b/i, en: /\bbackpressure\b/i },
    lesson: 'tcp/streams',
  },
  {
    term: { pt: 'SYN e ACK', en: 'SYN and ACK' },
    definition: {
      pt: 'Duas flags do TCP. SYN pede uma conexão e anuncia o número de sequência de onde parte a numeração dos bytes de quem envia; ACK confirma o que chegou, dizendo o número do próximo byte esperado. O handshake é SYN, SYN-ACK, ACK.',
      en: 'Two TCP flags. SYN asks for a connection and announces the sequence number the sender’s bytes are counted from; ACK acknowledges what arrived, by giving the number of the next byte expected. The handshake is SYN, SYN-ACK, ACK.',
    },
    uses: { pt: /\bSYN\b|\bACK\b/, en: /\bSYN\b|\bACK\b/ },
    lesson: 'tcp/client-server',
  },
  {
    term: { pt: 'número de sequência', en: 'sequence number' },
    definition: {
      pt: 'O número que o TCP dá a cada byte do fluxo, para que quem recebe ponha os bytes em ordem, descarte os repetidos e confirme até onde recebeu. Cada lado começa de um número sorteado, anunciado no seu SYN.',
      en: 'The number TCP gives each byte of the stream, so that the receiver can put the bytes in order, throw away repeats and acknowledge how far it got. Each side starts from a random number, announced in its SYN.',
    },
    uses: { pt: /(?<!\p{L})números? de sequência(?!\p{L})/iu, en: /\bsequence numbers?\b/i },
    lesson: 'tcp/packets',
  },
  {
    term: { pt: 'framing (enquadramento)', en: 'framing' },
    definition: {
      pt: 'Como um protocolo marca, dentro de um fluxo sem fronteiras, onde cada mensagem termina: uma quebra de linha no fim, ou o tamanho na frente. Quem lê refaz as mensagens a partir dessas marcas.',
      en: 'How a protocol marks, inside a stream with no boundaries, where each message ends: a newline at the end, or the length in front. The reader rebuilds the messages from those marks.',
    },
    uses: { pt: /\bframing\b|\benquadramento\b/i, en: /\bframing\b/i },
    lesson: 'tcp/streams',
  },
  {
    term: { pt: 'TTL', en: 'TTL' },
    definition: {
      pt: 'Time to live, "tempo de vida". No DNS, quantos segundos um resolver pode guardar uma resposta em cache antes de perguntar de novo. No cabeçalho IP, um contador de saltos: cada roteador tira 1, e o pacote é descartado quando chega a 0.',
      en: 'Time to live. In DNS, how many seconds a resolver may keep an answer in its cache before it asks again. In the IP header, a hop counter: each router takes 1 off, and the packet is dropped when it reaches 0.',
    },
    uses: { pt: /\bTTL\b/, en: /\bTTL\b/ },
    lesson: 'around/names',
  },
  {
    term: { pt: 'servidor autoritativo', en: 'authoritative server' },
    definition: {
      pt: 'O servidor DNS que responde por uma zona, como exemplo.com.br, com os próprios registros, sem perguntar a ninguém; a resposta dele vem com a flag AA. O servidor DNS do curso é autoritativo para os seus nomes .test.',
      en: 'The DNS server that answers for a zone, such as example.com, from its own records, without asking anyone; its answers carry the AA flag. The course’s DNS server is authoritative for its .test names.',
    },
    uses: { pt: /(?<!\p{L})autoritativ[oa]s?(?!\p{L})/iu, en: /\bauthoritative\b/i },
    lesson: 'around/names',
  },
  {
    term: { pt: 'broadcast e multicast', en: 'broadcast and multicast' },
    definition: {
      pt: 'Um datagrama para muitos receptores. O broadcast vai para todas as máquinas da rede local (no IPv4, um endereço como 192.168.1.255), e o socket que envia precisa de setBroadcast(true). O multicast vai para um grupo, um endereço de 224.0.0.0 a 239.255.255.255, e só recebe quem entrou no grupo (addMembership). O TCP não tem nenhum dos dois: uma conexão liga exatamente duas pontas.',
      en: 'One datagram for many receivers. Broadcast goes to every machine on the local network (in IPv4, an address such as 192.168.1.255), and the sending socket needs setBroadcast(true). Multicast goes to a group, an address from 224.0.0.0 to 239.255.255.255, and only those who joined the group receive it (addMembership). TCP has neither: a connection joins exactly two ends.',
    },
    uses: { pt: /\bbroadcast\b|\bmulticast\b/i, en: /\bbroadcast\b|\bmulticast\b/i },
    lesson: 'udp/echo',
  },
  {
    term: { pt: 'P2P (par a par)', en: 'peer-to-peer (P2P)' },
    definition: {
      pt: 'Uma arquitetura em que os programas, os pares (peers), falam direto uns com os outros, e cada um faz os dois papéis, cliente e servidor, como no BitTorrent. O contrário da arquitetura cliente-servidor, em que um servidor sempre no ar, num endereço conhecido, atende os clientes que o procuram.',
      en: 'An architecture in which the programs, the peers, talk to one another directly, and each plays both parts, client and server, as in BitTorrent. The opposite of the client-server architecture, in which a server that is always up, at a known address, serves the clients that come to it.',
    },
    uses: { pt: /\bP2P\b|\bpar a par\b/i, en: /\bP2P\b|\bpeer-to-peer\b/i },
    lesson: 'udp/netcat',
  },
  {
    term: { pt: 'capacidade', en: 'capability' },
    definition: {
      pt: 'No Linux, uma parte dos poderes do root dada a um programa em separado: CAP_NET_BIND_SERVICE permite o bind em portas abaixo de 1024, e CAP_NET_RAW, capturar pacotes.',
      en: 'On Linux, one piece of root’s powers given to a program on its own: CAP_NET_BIND_SERVICE allows a bind to ports below 1024, and CAP_NET_RAW, capturing packets.',
    },
    avoid: { pt: [/\bcapabilit(y|ies)\b/i] },
    lesson: 'appendix/errors',
  },
  {
    term: { pt: 'KiB e MiB', en: 'KiB and MiB' },
    definition: {
      pt: '1 KiB são 1.024 bytes, e 1 MiB, 1.024 KiB (1.048.576 bytes). O curso mede buffers e limites assim; um número redondo em decimal fica em bytes (200.000 bytes).',
      en: '1 KiB is 1,024 bytes, and 1 MiB is 1,024 KiB (1,048,576 bytes). The course measures buffers and limits this way; a round decimal number stays in bytes (200,000 bytes).',
    },
    avoid: { pt: [/\b[kK]B\b/], en: [/\b[kK]B\b/] },
    uses: { pt: /\b[KM]iB\b/, en: /\b[KM]iB\b/ },
  },
  {
    term: { pt: 'a RFC', en: 'RFC' },
    definition: {
      pt: 'Request for Comments: os documentos que definem os protocolos da internet (a RFC 9293 define o TCP). Em português, "a RFC".',
      en: 'Request for Comments: the documents that define the internet’s protocols (RFC 9293 defines TCP).',
    },
    // Case-insensitive, so that "O RFC" at the start of a sentence is caught too.
    avoid: { pt: [/\b(o|os|do|dos|no|nos|ao|aos|pelo|pelos|um|uns) RFCs?\b/i] },
    uses: { pt: /\bRFCs?\b/, en: /\bRFCs?\b/ },
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

/** A writing rule that is not a term: what it says, and the slips the pages must not make. */
export interface Rule {
  rule: { pt: string; en: string };
  avoid: { pt: RegExp[]; en: RegExp[] };
}

const UNITS = {
  pt: 'bytes?|ms|s|milissegundos|segundos|minutos|KiB|MiB|GiB|linhas|caracteres|datagramas|mensagens|conexões|clientes|vezes|IDs|portas',
  en: 'bytes?|ms|s|milliseconds|seconds|minutes|KiB|MiB|GiB|lines|characters|datagrams|messages|connections|clients|times|IDs|ports',
};
/** A number of 4 digits or more right before a unit ("1500 bytes", "7200 segundos"). */
const bare = (units: string) =>
  new RegExp(String.raw`(?<![\w.,:/-])\d{4,}(?=,? ?(${units})(?!\p{L}))`, 'u');
/** A unit, then the number in parentheses ("milissegundos (1000 por padrão)"). */
const unitThenBare = (units: string) => new RegExp(String.raw`\b(${units}) \(\d{4,}\b`, 'u');
/** A quantity with the other language's separator ("1,500 bytes" in Portuguese). */
const foreign = (separator: '.' | ',', units: string) =>
  new RegExp(
    String.raw`(?<![\w.,])\d{1,3}(${separator === '.' ? '\\.' : ','}\d{3})+(?= ?(${units})(?!\p{L}))`,
    'u',
  );

/**
 * How the course writes numbers, in the lessons, the exercises' hints and this glossary:
 * quantities with a thousands separator (pt 1.500, en 1,500), identifiers without one
 * (ports, RFC and errno numbers, years, code literals such as recv(1024)).
 */
export const numbers: Rule = {
  rule: {
    pt: 'Quantidades com separador de milhar (1.500 bytes, 7.200 segundos); identificadores sem (a porta 12000, a RFC 9293, o Errno 98, 2020).',
    en: 'Quantities with a thousands separator (1,500 bytes, 7,200 seconds); identifiers without one (port 12000, RFC 9293, Errno 98, 2020).',
  },
  avoid: {
    pt: [
      bare(UNITS.pt),
      unitThenBare(UNITS.pt),
      foreign(',', UNITS.pt),
      /\b(portas?|RFCs?|Errno) \d{1,3}(\.\d{3})+(?!\d)/i,
    ],
    en: [
      bare(UNITS.en),
      unitThenBare(UNITS.en),
      foreign('.', UNITS.en),
      /\b(ports?|RFCs?|Errno) \d{1,3}(,\d{3})+(?!\d)/i,
    ],
  },
};
