// Sessions in a lab: what the session runner (session-runner.ts) does differently for a session
// that declares `lab` (a topology of topologies.ts) and a host for each terminal (`hosts`).
//
// - "lab": the lab is built before the first step and removed after the last, also when a step
//   fails (lab.ts removes it too if the process is killed). Where a lab cannot be built (not
//   Linux, not root, no ip or nft), `labMissing()` says why in one line, as a missing tool is said.
// - "on its host": every command of a terminal runs in its host's network namespace (`ip netns
//   exec NS …`, the same process: its PID, its output, its Ctrl+C), in the session's scratch
//   folder as any other session's.
// - "lab ports": each host has ports of its own, so nothing else on the machine can hold a lab's
//   port: the servers listen on the ports the session shows (12000), and the topology's own
//   ports (a firewall's 12001, a router's 8080) are shown as they are. Only the ports the OS
//   picks for clients vary.
// - "lab addresses": the topology's addresses are the same in every run; a port next to one of
//   them is normalised as one next to 127.0.0.1 is (normalise.ts, "ports"). A TCP segment that
//   its sender repeats is kept in a capture when it goes to a port that the lab drops packets to
//   (a firewall's drop, a loss rule): there, unlike on loopback, a retransmission is what the
//   network really does.
// - "lab capture end": a capture in a host watches one of its interfaces (`tcpdump -i eth0 …`).
//   To end it, the runner sends its marker datagrams from that host to the host at the other end
//   of that link, so that they cross the interface watched, after every packet of the session.
import { stepCommand, type Command } from './command.ts';
import {
  build,
  fixedPorts,
  hostOf,
  topologies,
  unavailable,
  type Lab,
  type Topology,
} from './lab.ts';
import { terminalsOf, type Session } from './session.ts';

/** The topology a session runs in, checked: every terminal on one of its hosts. */
export function topologyOf(session: Session): Topology | undefined {
  if (!session.lab) {
    if (session.hosts) throw new Error('a session with `hosts` names its `lab`');
    return undefined;
  }
  const topology = Object.hasOwn(topologies, session.lab) ? topologies[session.lab] : undefined;
  if (!topology) throw new Error(`there is no lab "${session.lab}" in src/lib/topologies.ts`);
  for (const terminal of terminalsOf(session)) {
    const host = session.hosts?.[terminal];
    if (!host) throw new Error(`terminal "${terminal}" runs on no host of the lab (hosts)`);
    if (hostOf(topology, host)?.id !== host)
      throw new Error(`the lab ${topology.name} has no host "${host}" (by its id)`);
  }
  return topology;
}

/** "lab": why this session's lab cannot be built here, or undefined. */
export function labMissing(session: Session): string | undefined {
  const why = topologyOf(session) && unavailable();
  return why && `a lab (${why})`;
}

/** "lab": build the session's lab, or undefined for a session without one. */
export async function buildLab(session: Session): Promise<Lab | undefined> {
  const topology = topologyOf(session);
  return topology && build(topology);
}

/** "lab ports": each port that the session, its commands' --port or its topology names, as itself. */
export function labPorts(session: Session, topology: Topology): Map<number, number> {
  const named = session.steps.flatMap((step) => stepCommand(step)?.port ?? []);
  const ports = [session.port, ...(session.closedPorts ?? []), ...named, ...fixedPorts(topology)];
  return new Map(ports.map((port) => [port, port]));
}

/** "lab addresses": what the normaliser needs to know of a topology. */
export function labValues(topology: Topology): { addresses: string[]; lossy: number[] } {
  return {
    addresses: topology.links.flatMap((l) => l.ends.map((e) => e.address.split('/')[0])),
    lossy: [
      ...new Set([
        ...(topology.filters ?? []).filter((f) => f.action === 'drop').map((f) => f.port),
        ...(topology.loss ?? []).map((l) => l.port),
      ]),
    ],
  };
}

/** "on its host": the command that runs `argv` on the terminal's host. */
export function onHost(lab: Lab, session: Session, terminal: string, argv: string[]): string[] {
  return lab.argv(session.hosts![terminal], argv);
}

// One datagram to ADDRESS:PORT every 100 ms, until stopped.
const MARKERS = `
const socket = require('node:dgram').createSocket('udp4');
const [address, port] = process.argv.slice(1);
socket.on('error', () => {}); // the ICMP answer to a datagram nobody receives
const send = () => socket.send('end of capture', Number(port), address);
send();
setInterval(send, 100);`;

/**
 * "lab capture end": start sending marker datagrams across the interface that `capture` watches
 * in the terminal's host; returns how to stop them, once the capture has printed one.
 */
export function sendMarkers(
  lab: Lab,
  session: Session,
  terminal: string,
  capture: Command,
  marker: number,
): () => Promise<unknown> {
  const host = session.hosts![terminal];
  const iface = capture.args[capture.args.indexOf('-i') + 1];
  const link = lab.topology.links.find((l) =>
    l.ends.some((e) => e.host === host && e.iface === iface),
  );
  if (!capture.args.includes('-i') || !link)
    throw new Error(
      `"${capture.text}": a capture in a lab watches one of its host's interfaces: -i ${lab.topology.links.flatMap((l) => l.ends.filter((e) => e.host === host).map((e) => e.iface)).join(' or -i ')}`,
    );
  const peer = link.ends.find((e) => !(e.host === host && e.iface === iface))!;
  const argv = [process.execPath, '-e', MARKERS, peer.address.split('/')[0], String(marker)];
  const sender = lab.start(host, argv);
  return () => sender.stop();
}
