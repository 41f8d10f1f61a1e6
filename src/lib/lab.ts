// A small network in a box: hosts, the links between them, routers, firewalls, NAT and loss,
// built in Linux network namespaces and always torn down.
//
// - A topology is data (topologies.ts, re-exported here; the course's own are `topologies`). A host is a
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
import { commandsFor, hostOf, learnerNamespaces, shown, type Topology } from './topologies.ts';

export * from './topologies.ts';

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
