// The lab's networks as data: hosts, links, routes, firewalls, NAT and loss (the course's own are
// `topologies`), and the commands that build one (commandsFor). No processes here: pages, the
// session runner and the normaliser may import it; lab.ts builds and removes the networks.
// Addresses come from the private ranges (a home network, 192.168.0.0/24) and the documentation
// ranges of RFC 5737 (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24: addresses that stand for
// public ones and belong to nobody). Every address and port a topology names is the same in
// every run, so transcripts show them as they are.
import type { Lang } from './exercise.ts';

/** The source ports a random masquerade picks from. */
export const RANDOM_PORTS = '49152-65535';

export interface Host {
  /** The id code uses ("laptop"); the label is what a lesson shows in a prompt. */
  id: string;
  label: Record<Lang, string>;
  /** A router forwards packets between its links (net.ipv4.ip_forward=1 in its namespace). */
  router?: boolean;
}

export interface End {
  host: string;
  /** The interface's name in that host: eth0, eth1… */
  iface: string;
  /** Its address with the prefix length: 192.168.0.10/24. */
  address: string;
}

export interface Link {
  ends: [End, End];
  /** Both ends' MTU (default 1500, as Ethernet). */
  mtu?: number;
  /** A rate limit on both ends (tc tbf), as tc writes it: "2mbit". */
  rate?: string;
}

export interface Route {
  host: string;
  /** "default" or a network, 192.168.0.0/24. */
  to: string;
  via: string;
}

/** A firewall rule on what arrives for the host's own sockets (nftables, input hook). */
export interface Filter {
  host: string;
  protocol: 'tcp' | 'udp';
  port: number;
  /**
   * drop: silence (the sender times out); reject: an answer, which `with` chooses, as nft writes
   * it after `reject with`. Without one, a TCP reset for TCP and ICMP port unreachable for UDP.
   */
  action: 'drop' | 'reject';
  with?: 'tcp reset' | 'icmp type port-unreachable' | 'icmp type host-prohibited';
}

/**
 * Drops packets that arrive for the host on a port (nftables, input hook): a share of them at
 * random (`percent`, numgen random), as a bad link does; one in every `every`, always the same ones
 * (the first, then every `every`-th after it: numgen inc), so that a transcript repeats; or, for
 * TCP, the first segment that carries data in each connection (`firstData`: its connection is
 * marked, ct mark, and what follows passes).
 */
export type Loss = { host: string; protocol: 'tcp' | 'udp'; port: number } & (
  { percent: number } | { every: number } | { firstData: true }
);

/**
 * NAT: what leaves the host by `out` gets the host's own address as its source. Linux keeps the
 * source port when it is free; `random` has it pick another one every time, as many routers do.
 */
export interface Masquerade {
  host: string;
  out: string;
  random?: boolean;
}

/** Port forwarding (dnat): what reaches the host by `in` for `port` goes to `to` (address:port). */
export interface PortForward {
  host: string;
  in: string;
  protocol: 'tcp' | 'udp';
  port: number;
  to: string;
}

export interface Topology {
  name: string;
  about: Record<Lang, string>;
  hosts: Host[];
  links: Link[];
  routes?: Route[];
  filters?: Filter[];
  loss?: Loss[];
  masquerade?: Masquerade[];
  forwards?: PortForward[];
}

const laptop: Host = { id: 'laptop', label: { pt: 'notebook', en: 'laptop' } };
const phone: Host = { id: 'phone', label: { pt: 'celular', en: 'phone' } };
const router: Host = { id: 'router', label: { pt: 'roteador', en: 'router' }, router: true };
const isp: Host = { id: 'isp', label: { pt: 'provedor', en: 'isp' }, router: true };
const server: Host = { id: 'server', label: { pt: 'servidor', en: 'server' } };

/** The course's labs, by name. */
export const topologies: Record<string, Topology> = {
  'two-hosts': {
    name: 'two-hosts',
    about: {
      pt: 'um notebook e um celular na mesma rede local (192.168.0.0/24)',
      en: 'a laptop and a phone on one local network (192.168.0.0/24)',
    },
    hosts: [laptop, phone],
    links: [
      {
        ends: [
          { host: 'laptop', iface: 'eth0', address: '192.168.0.10/24' },
          { host: 'phone', iface: 'eth0', address: '192.168.0.20/24' },
        ],
      },
    ],
  },
  firewall: {
    name: 'firewall',
    about: {
      pt: 'um notebook e um servidor cujo firewall descarta (drop) a porta 12001 e recusa (reject) a 12002 (TCP: RST; UDP: ICMP port unreachable), a 12003 (ICMP port unreachable) e a 12004 (ICMP host prohibited)',
      en: 'a laptop and a server whose firewall drops port 12001 and rejects 12002 (TCP: RST; UDP: ICMP port unreachable), 12003 (ICMP port unreachable) and 12004 (ICMP host prohibited)',
    },
    hosts: [laptop, server],
    links: [
      {
        ends: [
          { host: 'laptop', iface: 'eth0', address: '198.51.100.10/24' },
          { host: 'server', iface: 'eth0', address: '198.51.100.80/24' },
        ],
      },
    ],
    filters: [
      { host: 'server', protocol: 'tcp', port: 12001, action: 'drop' },
      { host: 'server', protocol: 'udp', port: 12001, action: 'drop' },
      { host: 'server', protocol: 'tcp', port: 12002, action: 'reject' },
      { host: 'server', protocol: 'udp', port: 12002, action: 'reject' },
      // What iptables' REJECT answers by default, and what a firewall set to say "prohibited" does.
      {
        host: 'server',
        protocol: 'tcp',
        port: 12003,
        action: 'reject',
        with: 'icmp type port-unreachable',
      },
      {
        host: 'server',
        protocol: 'tcp',
        port: 12004,
        action: 'reject',
        with: 'icmp type host-prohibited',
      },
      {
        host: 'server',
        protocol: 'udp',
        port: 12004,
        action: 'reject',
        with: 'icmp type host-prohibited',
      },
    ],
  },
  nat: {
    name: 'nat',
    about: {
      pt: 'uma rede de casa (192.168.0.0/24) atrás de um roteador com NAT (masquerade, que troca também a porta de origem); um servidor fora, em 203.0.113.80',
      en: 'a home network (192.168.0.0/24) behind a router doing NAT (masquerade, which changes the source port too); a server outside, at 203.0.113.80',
    },
    hosts: [laptop, router, server],
    links: [
      {
        ends: [
          { host: 'laptop', iface: 'eth0', address: '192.168.0.10/24' },
          { host: 'router', iface: 'eth0', address: '192.168.0.1/24' },
        ],
      },
      {
        ends: [
          { host: 'router', iface: 'eth1', address: '203.0.113.1/24' },
          { host: 'server', iface: 'eth0', address: '203.0.113.80/24' },
        ],
      },
    ],
    // The server has no route to 192.168.0.0/24, as a server on the internet: without NAT it
    // could not answer.
    routes: [{ host: 'laptop', to: 'default', via: '192.168.0.1' }],
    masquerade: [{ host: 'router', out: 'eth1', random: true }],
  },
  'port-forward': {
    name: 'port-forward',
    about: {
      pt: 'um servidor em casa (192.168.0.80) atrás de um roteador que encaminha a porta 8080 dele (203.0.113.1) para a 12000 do servidor; um celular fora, em 203.0.113.50',
      en: "a server at home (192.168.0.80) behind a router that forwards its port 8080 (203.0.113.1) to the server's port 12000; a phone outside, at 203.0.113.50",
    },
    hosts: [server, router, phone],
    links: [
      {
        ends: [
          { host: 'server', iface: 'eth0', address: '192.168.0.80/24' },
          { host: 'router', iface: 'eth0', address: '192.168.0.1/24' },
        ],
      },
      {
        ends: [
          { host: 'router', iface: 'eth1', address: '203.0.113.1/24' },
          { host: 'phone', iface: 'eth0', address: '203.0.113.50/24' },
        ],
      },
    ],
    routes: [{ host: 'server', to: 'default', via: '192.168.0.1' }],
    masquerade: [{ host: 'router', out: 'eth1' }],
    forwards: [
      { host: 'router', in: 'eth1', protocol: 'tcp', port: 8080, to: '192.168.0.80:12000' },
    ],
  },
  mtu: {
    name: 'mtu',
    about: {
      pt: 'um caminho com MTU 1500 nas pontas e 1280 no enlace do meio, entre o roteador e o provedor',
      en: 'a path with an MTU of 1500 at its ends and 1280 on its middle link, between the router and the isp',
    },
    hosts: [laptop, router, isp, server],
    links: [
      {
        ends: [
          { host: 'laptop', iface: 'eth0', address: '192.168.0.10/24' },
          { host: 'router', iface: 'eth0', address: '192.168.0.1/24' },
        ],
      },
      {
        ends: [
          { host: 'router', iface: 'eth1', address: '198.51.100.2/24' },
          { host: 'isp', iface: 'eth0', address: '198.51.100.1/24' },
        ],
        mtu: 1280,
      },
      {
        ends: [
          { host: 'isp', iface: 'eth1', address: '203.0.113.1/24' },
          { host: 'server', iface: 'eth0', address: '203.0.113.80/24' },
        ],
      },
    ],
    routes: [
      { host: 'laptop', to: 'default', via: '192.168.0.1' },
      { host: 'router', to: 'default', via: '198.51.100.1' },
      { host: 'isp', to: '192.168.0.0/24', via: '198.51.100.2' },
      { host: 'server', to: 'default', via: '203.0.113.1' },
    ],
  },
  loss: {
    name: 'loss',
    about: {
      pt: 'um notebook e um servidor; o servidor perde, ao acaso, 30 % dos datagramas UDP para a porta 12000, e na porta 12001 perde sempre os mesmos: 1 de cada 3 datagramas UDP e o primeiro segmento TCP com dados de cada conexão',
      en: 'a laptop and a server; the server loses, at random, 30 % of the UDP datagrams to port 12000, and on port 12001 always the same ones: 1 in every 3 UDP datagrams, and the first TCP segment with data of each connection',
    },
    hosts: [laptop, server],
    links: [
      {
        ends: [
          { host: 'laptop', iface: 'eth0', address: '192.168.0.10/24' },
          { host: 'server', iface: 'eth0', address: '192.168.0.80/24' },
        ],
      },
    ],
    loss: [
      { host: 'server', protocol: 'udp', port: 12000, percent: 30 },
      { host: 'server', protocol: 'udp', port: 12001, every: 3 },
      { host: 'server', protocol: 'tcp', port: 12001, firstData: true },
    ],
  },
};

/** The host a name means: its id, or its label in either language. */
export function hostOf(topology: Topology, name: string): Host | undefined {
  return topology.hosts.find((h) => h.id === name || h.label.pt === name || h.label.en === name);
}

/** lab-<name>-<label>: the namespaces of a learner's lab (`npm run lab -- up`), in the learner's language. */
export function learnerNamespaces(topology: Topology, lang: Lang): Record<string, string> {
  return Object.fromEntries(
    topology.hosts.map((h) => [h.id, `lab-${topology.name}-${h.label[lang]}`]),
  );
}

/** The ports a topology names (a firewall's, a loss rule's, a forward's): the same in every run. */
export function fixedPorts(topology: Topology): number[] {
  return [
    ...(topology.filters ?? []).map((f) => f.port),
    ...(topology.loss ?? []).map((l) => l.port),
    ...(topology.forwards ?? []).flatMap((f) => [f.port, Number(f.to.split(':').at(-1))]),
  ];
}

/**
 * The commands that build a topology, in order, given each host's namespace: what a learner
 * sees printed, and what build() runs.
 */
export function commandsFor(topology: Topology, namespaces: Record<string, string>): string[][] {
  const ns = (host: string) => {
    const name = namespaces[host];
    if (!name) throw new Error(`${topology.name}: unknown host "${host}"`);
    return name;
  };
  const exec = (host: string, ...argv: string[]) => ['ip', 'netns', 'exec', ns(host), ...argv];
  const nft = (host: string, command: string) => exec(host, 'nft', command);
  const commands: string[][] = [];
  for (const host of topology.hosts) commands.push(['ip', 'netns', 'add', ns(host.id)]);
  for (const host of topology.hosts)
    commands.push(['ip', '-n', ns(host.id), 'link', 'set', 'lo', 'up']);
  for (const link of topology.links) {
    const [a, b] = link.ends;
    // gso_max_segs 1: one packet at a time, none larger than the MTU (see the header).
    const mtu = [...(link.mtu ? ['mtu', String(link.mtu)] : []), 'gso_max_segs', '1'];
    // One command makes the pair inside the two namespaces at once.
    commands.push([
      ...['ip', 'link', 'add', a.iface, 'netns', ns(a.host), ...mtu, 'type', 'veth'],
      ...['peer', 'name', b.iface, 'netns', ns(b.host), ...mtu],
    ]);
    for (const end of link.ends) {
      commands.push(['ip', '-n', ns(end.host), 'addr', 'add', end.address, 'dev', end.iface]);
      commands.push(['ip', '-n', ns(end.host), 'link', 'set', end.iface, 'up']);
      if (link.rate)
        commands.push([
          ...['tc', '-n', ns(end.host), 'qdisc', 'add', 'dev', end.iface, 'root', 'tbf'],
          ...['rate', link.rate, 'burst', '32kbit', 'latency', '400ms'],
        ]);
    }
  }
  for (const route of topology.routes ?? [])
    commands.push(['ip', '-n', ns(route.host), 'route', 'add', route.to, 'via', route.via]);
  for (const host of topology.hosts.filter((h) => h.router))
    commands.push(exec(host.id, 'sysctl', '-w', 'net.ipv4.ip_forward=1'));
  for (const host of topology.hosts) {
    const filters = (topology.filters ?? []).filter((f) => f.host === host.id);
    const loss = (topology.loss ?? []).filter((l) => l.host === host.id);
    const forwards = (topology.forwards ?? []).filter((f) => f.host === host.id);
    const masquerade = (topology.masquerade ?? []).filter((m) => m.host === host.id);
    if (!filters.length && !loss.length && !forwards.length && !masquerade.length) continue;
    commands.push(nft(host.id, 'add table ip lab'));
    if (filters.length || loss.length) {
      commands.push(
        nft(host.id, 'add chain ip lab input { type filter hook input priority filter; }'),
      );
      for (const l of loss)
        commands.push(
          nft(
            host.id,
            `add rule ip lab input ${l.protocol} dport ${l.port} ${losing(l)} counter drop`,
          ),
        );
      for (const f of filters) {
        const answer = f.with ?? (f.protocol === 'tcp' ? 'tcp reset' : undefined);
        const verdict = f.action === 'drop' ? 'drop' : answer ? `reject with ${answer}` : 'reject';
        commands.push(
          nft(host.id, `add rule ip lab input ${f.protocol} dport ${f.port} counter ${verdict}`),
        );
      }
    }
    if (forwards.length) {
      commands.push(
        nft(host.id, 'add chain ip lab prerouting { type nat hook prerouting priority dstnat; }'),
      );
      for (const f of forwards)
        commands.push(
          nft(
            host.id,
            `add rule ip lab prerouting iifname "${f.in}" ${f.protocol} dport ${f.port} counter dnat to ${f.to}`,
          ),
        );
    }
    if (masquerade.length) {
      commands.push(
        nft(host.id, 'add chain ip lab postrouting { type nat hook postrouting priority srcnat; }'),
      );
      for (const m of masquerade) {
        // random: a new source port each time, from the high ports only, so that a port
        // written in a transcript always has five digits (and a reply's length does not vary).
        if (m.random)
          commands.push(
            nft(
              host.id,
              `add rule ip lab postrouting oifname "${m.out}" meta l4proto { tcp, udp } counter masquerade to :${RANDOM_PORTS} random`,
            ),
          );
        commands.push(
          nft(host.id, `add rule ip lab postrouting oifname "${m.out}" counter masquerade`),
        );
      }
    }
  }
  return commands;
}

/** What picks the packets a loss rule drops, in nft's words. */
function losing(l: Loss): string {
  if ('percent' in l) return `numgen random mod 100 < ${l.percent}`;
  if ('every' in l) return `numgen inc mod ${l.every} == 0`;
  // A segment with data: not a SYN or a RST, and longer than 52 bytes (20 of IP header and 32 of
  // TCP header with the timestamps Linux sends). Its connection gets mark 1, and is left alone.
  return 'ct mark 0 tcp flags & (syn | rst) == 0 ip length > 52 ct mark set 1';
}

/** A command as one would type it in a shell. */
export function shown(argv: string[]): string {
  return argv
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
