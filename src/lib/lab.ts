// A small network in a box: hosts, the links between them, routers, firewalls, NAT and loss,
// built in Linux network namespaces and always torn down.
//
// - A topology is data (Topology, below; the course's own are in `topologies`). A host is a
//   network namespace with its own interfaces, addresses, routes, ports and nftables rules.
//   A link is a veth pair whose two ends are created directly inside the two hosts'
//   namespaces: no end ever exists in the machine's own namespace, which the lab never changes
//   (no interface, address, route, rule or sysctl there). The only way out of a host is a link
//   to another host; addresses come from the documentation and private ranges.
// - Interfaces are named as the topology says (eth0, eth1…), the same in every run; only the
//   namespaces' names vary. Ports are per host, so a lab's programs may use fixed ports (12000)
//   and two labs at once may use the same addresses. A veth passes one packet at a time
//   (gso_max_segs 1), as a network card puts them on the wire: a capture shows no packet
//   larger than the link's MTU.
// - Names. A lab that a program builds (a test, a session) is owned by its process: its
//   namespaces are named `sp<PID>-<N><host letter>` (sp4321-1a, sp4321-1b…; N counts that
//   process's labs; at most 15 characters, as an interface name, up to N = 9999). It is torn
//   down by `down()`, when the process exits, on SIGINT/SIGTERM/SIGHUP, and when its build
//   fails halfway; after a SIGKILL, the next lab any process builds (or `sweep()`) removes the
//   namespaces whose owner has died.
//   A learner's lab (`npm run lab -- up NAME`, lab-command.ts) is named `lab-<NAME>-<host>`
//   and stays until `npm run lab -- down NAME`: no sweep touches it.
// - Removing a namespace first kills the processes still running in it (`ip netns pids`):
//   a namespace that a process still holds would outlive its name, veths and all.
// - `unavailable()` says in one line why a lab cannot run here (not Linux, not root, no `ip` or
//   `nft`), so a test or a session can skip with that line.
// - No `tc netem` (not every kernel has it): loss is an nftables rule that drops a share of
//   the packets to a port (numgen random); a rate limit is `tc … tbf`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Lang } from './exercise.ts';
import {
  finish,
  installed,
  start,
  typescript,
  type Process,
  type StartOptions,
} from './processes.ts';

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
  /** drop: silence (the sender times out); reject: TCP reset or ICMP port unreachable. */
  action: 'drop' | 'reject';
}

/** Drops a share of what arrives for the host on a port, at random (nftables numgen). */
export interface Loss {
  host: string;
  protocol: 'tcp' | 'udp';
  port: number;
  percent: number;
}

/** NAT: what leaves the host by `out` gets the host's own address as its source. */
export interface Masquerade {
  host: string;
  out: string;
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
      pt: 'um cliente e um servidor cujo firewall descarta (drop) a porta 12001 e recusa (reject) a 12002, TCP e UDP',
      en: 'a client and a server whose firewall drops port 12001 and rejects port 12002, TCP and UDP',
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
    ],
  },
  nat: {
    name: 'nat',
    about: {
      pt: 'uma rede de casa (192.168.0.0/24) atrás de um roteador com NAT (masquerade); um servidor fora, em 203.0.113.80',
      en: 'a home network (192.168.0.0/24) behind a router doing NAT (masquerade); a server outside, at 203.0.113.80',
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
    masquerade: [{ host: 'router', out: 'eth1' }],
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
      pt: 'um notebook e um servidor; o servidor perde, ao acaso, 30 % dos datagramas UDP para a porta 12000',
      en: 'a laptop and a server; the server loses, at random, 30 % of the UDP datagrams to port 12000',
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
    loss: [{ host: 'server', protocol: 'udp', port: 12000, percent: 30 }],
  },
};

/** The host a name means: its id, or its label in either language. */
export function hostOf(topology: Topology, name: string): Host | undefined {
  return topology.hosts.find((h) => h.id === name || h.label.pt === name || h.label.en === name);
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
            `add rule ip lab input ${l.protocol} dport ${l.port} numgen random mod 100 < ${l.percent} counter drop`,
          ),
        );
      for (const f of filters) {
        const verdict =
          f.action === 'drop' ? 'drop' : f.protocol === 'tcp' ? 'reject with tcp reset' : 'reject';
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
      for (const m of masquerade)
        commands.push(
          nft(host.id, `add rule ip lab postrouting oifname "${m.out}" counter masquerade`),
        );
    }
  }
  return commands;
}

/** A command as one would type it in a shell. */
export function shown(argv: string[]): string {
  return argv
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** One line saying why a lab cannot be built here, or undefined when it can. */
export function unavailable(): string | undefined {
  if (process.platform !== 'linux')
    return `the lab needs Linux network namespaces, and this system is ${process.platform}`;
  if (!mayAdminister())
    return 'the lab needs root (network namespaces take CAP_SYS_ADMIN and CAP_NET_ADMIN): run it with sudo';
  const missing = [
    ['ip', 'iproute2'],
    ['nft', 'nftables'],
  ].filter(([tool]) => !installed(tool));
  if (missing.length)
    return `the lab needs ${missing.map(([tool, pkg]) => `${tool} (${pkg})`).join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed`;
  return undefined;
}

/** Does this process hold CAP_SYS_ADMIN (bit 21) and CAP_NET_ADMIN (bit 12)? */
function mayAdminister(): boolean {
  try {
    const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    const caps = BigInt(`0x${hex ?? '0'}`);
    return (caps & (1n << 21n)) !== 0n && (caps & (1n << 12n)) !== 0n;
  } catch {
    return false;
  }
}

export interface Lab {
  topology: Topology;
  /** Each host's namespace, by host id. */
  namespaces: Record<string, string>;
  /** The command that runs `command` in a host: `ip netns exec NS …`. */
  argv(host: string, command: string[]): string[];
  /** Start a program in a host (in a process group of its own, processes.ts). */
  start(host: string, command: string[], options?: StartOptions): Process;
  /** Start a Node program (a .ts file) in a host: `node FILE ARGS` there. */
  startNode(host: string, file: string, args?: string[], options?: StartOptions): Process;
  /** Run a command in a host to its end (stopped after `limitMs`); its exit code and output. */
  run(
    host: string,
    command: string[],
    limitMs?: number,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Remove the lab: the processes in its hosts, then its namespaces (and with them every veth). */
  down(): void;
}

export interface BuildOptions {
  /** Each command, as a shell would show it, just before it runs. */
  print?: (line: string) => void;
  /** A learner's lab: named lab-<name>-<label>, left up when this process ends. */
  learner?: Lang;
}

const LIMIT_MS = 10_000; // for each command

/** Namespaces owned by a process: sp<PID>-<N><letter>. */
const OWNED = /^sp(\d+)-(\d+)[a-z]$/;

/** What must go if this process ends now: the labs it owns, and a learner's lab being built. */
const live = new Set<{ namespaces: string[]; print?: (line: string) => void }>();
let building = 0;
let interrupted: NodeJS.Signals | undefined;

/** Build a topology; on any failure, what was made is removed and the error thrown. */
export async function build(topology: Topology, options: BuildOptions = {}): Promise<Lab> {
  const { print, learner } = options;
  sweep(); // what killed processes left behind
  const namespaces = learner ? learnerNamespaces(topology, learner) : ownedNamespaces(topology);
  const names = topology.hosts.map((h) => namespaces[h.id]);
  const made = { namespaces: [] as string[], print };
  watchSignals();
  live.add(made);
  building++;
  try {
    for (const argv of commandsFor(topology, namespaces)) {
      if (interrupted) throw new Error(`interrupted (${interrupted})`);
      print?.(shown(argv));
      // Each command in a process group of its own: Ctrl+C stops the build between two
      // commands, never in the middle of one.
      const { code, stdout, stderr } = await finish(start(argv), LIMIT_MS);
      if (code !== 0) {
        const why = (stderr.trim() || stdout.trim() || `exit code ${code}`).split('\n')[0];
        throw new Error(`${topology.name}: "${shown(argv)}" failed: ${why}`);
      }
      if (argv[1] === 'netns' && argv[2] === 'add') made.namespaces.push(argv[3]);
    }
  } catch (err) {
    live.delete(made);
    removeNamespaces(made.namespaces, print);
    throw err;
  } finally {
    building--;
    if (interrupted && building === 0) die(interrupted);
  }
  if (learner) live.delete(made); // it stays up: `npm run lab -- down`
  const ns = (host: string) => {
    const h = hostOf(topology, host);
    if (!h) throw new Error(`${topology.name} has no host "${host}"`);
    return namespaces[h.id];
  };
  const lab: Lab = {
    topology,
    namespaces,
    argv: (host, command) => ['ip', 'netns', 'exec', ns(host), ...command],
    start: (host, command, opts) => start(lab.argv(host, command), opts),
    startNode: (host, file, args = [], opts) => start(lab.argv(host, typescript(file, args)), opts),
    run: (host, command, limitMs = 10_000) => finish(lab.start(host, command), limitMs),
    down: () => {
      live.delete(made);
      removeNamespaces(names, print);
    },
  };
  return lab;
}

/** sp<PID>-<N><letter> for each host, N the first number this process has not used. */
function ownedNamespaces(topology: Topology): Record<string, string> {
  if (topology.hosts.length > 26) throw new Error(`${topology.name}: more than 26 hosts`);
  const existing = new Set(namespaceNames());
  for (let tries = 0; tries < 1000; tries++) {
    const n = ++counter;
    const names = topology.hosts.map((h, i) => [h.id, `sp${process.pid}-${n}${letter(i)}`]);
    if (names.every(([, name]) => !existing.has(name))) return Object.fromEntries(names);
  }
  throw new Error('no free namespace names for this process');
}
let counter = 0;
const letter = (i: number) => String.fromCharCode(97 + i);

/** lab-<name>-<label>: a learner's lab, in the learner's language. */
export function learnerNamespaces(topology: Topology, lang: Lang): Record<string, string> {
  return Object.fromEntries(
    topology.hosts.map((h) => [h.id, `lab-${topology.name}-${h.label[lang]}`]),
  );
}

/** A learner's lab that is up: its namespaces by host id (in whichever language it was built), or undefined. */
export function learnerLab(topology: Topology): Record<string, string> | undefined {
  const existing = new Set(namespaceNames());
  for (const lang of ['pt', 'en'] as const) {
    const names = learnerNamespaces(topology, lang);
    if (Object.values(names).some((n) => existing.has(n))) return names;
  }
  return undefined;
}

/** Remove a learner's lab (every namespace it may have, in either language). */
export function removeLearnerLab(topology: Topology, print?: (line: string) => void): string[] {
  const existing = new Set(namespaceNames());
  const names = (['pt', 'en'] as const)
    .flatMap((lang) => Object.values(learnerNamespaces(topology, lang)))
    .filter((n) => existing.has(n));
  removeNamespaces(names, print);
  return names;
}

/** Every network namespace with a name (what `ip netns list` lists). */
export function namespaceNames(): string[] {
  try {
    return readdirSync('/run/netns');
  } catch {
    return [];
  }
}

/** Remove the namespaces owned by processes that have ended; returns their names. */
export function sweep(print?: (line: string) => void): string[] {
  const dead = namespaceNames().filter((name) => {
    const m = OWNED.exec(name);
    return m !== null && !alive(Number(m[1]));
  });
  removeNamespaces(dead, print);
  return dead;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kill what runs in each namespace, then delete it. Synchronous: it also runs as the process exits. */
function removeNamespaces(names: string[], print?: (line: string) => void) {
  for (const name of names) {
    const pids = spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8', timeout: LIMIT_MS });
    for (const pid of (pids.stdout ?? '').split(/\s+/).filter(Boolean)) {
      print?.(`kill -KILL ${pid}`);
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    print?.(shown(['ip', 'netns', 'del', name]));
    spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore', timeout: LIMIT_MS });
  }
}

function removeAll() {
  for (const made of live) removeNamespaces(made.namespaces, made.print);
  live.clear();
}

/** Once: remove every live lab when this process exits or is told to stop. */
let watching = false;
function watchSignals() {
  if (watching) return;
  watching = true;
  process.on('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals) {
  interrupted = signal;
  if (building === 0) die(signal); // else build() stops after its current command, then dies
}

/** Remove every live lab, then end as the signal would have, unless someone else listens for it. */
function die(signal: NodeJS.Signals) {
  interrupted = undefined;
  removeAll();
  if (process.listeners(signal).every((l) => l === onSignal)) {
    process.off(signal, onSignal);
    process.kill(process.pid, signal);
  }
}
