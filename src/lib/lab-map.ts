// A lab's network as a picture (<Lab name="…" />): its hosts from top to bottom, each link
// between two of them with the two ends' interfaces and addresses, and under each host what the
// lab sets up there (routes, firewall rules, NAT, loss), in nftables' and ip's own words. Drawn
// from the topology itself (topologies.ts), so the picture changes when the lab does.
// The course's labs are chains (each link joins a host to the next one), which a phone's narrow
// screen shows best from top to bottom; a topology of another shape is refused.
import type { Lang } from './exercise.ts';
import { RANDOM_PORTS, type End, type Host, type Link, type Topology } from './topologies.ts';

/** What the lab sets up on a host, one line each, as nft and ip say it. */
export function rulesOf(topology: Topology, host: string, lang: Lang = 'en'): string[] {
  const lines: string[] = [];
  for (const r of topology.routes ?? [])
    if (r.host === host) lines.push(`route ${r.to} via ${r.via}`);
  // One line per port and verdict: "tcp, udp 12001: drop".
  const filters = new Map<string, string[]>();
  for (const f of topology.filters ?? []) {
    if (f.host !== host) continue;
    const answer = f.with ?? (f.protocol === 'tcp' ? 'tcp reset' : undefined);
    const verdict = f.action === 'drop' ? 'drop' : answer ? `reject with ${answer}` : 'reject';
    const key = `${f.port}: ${verdict}`;
    filters.set(key, [...(filters.get(key) ?? []), f.protocol]);
  }
  for (const [key, protocols] of filters) lines.push(`${protocols.join(', ')} ${key}`);
  for (const l of topology.loss ?? []) {
    if (l.host !== host) continue;
    const which =
      'percent' in l
        ? `${l.percent} %`
        : 'every' in l
          ? { pt: `1 a cada ${l.every}`, en: `1 in ${l.every}` }[lang]
          : { pt: 'o 1º segmento com dados', en: 'the 1st data segment' }[lang];
    lines.push(`${l.protocol} ${l.port}: drop ${which}`);
  }
  for (const f of topology.forwards ?? [])
    if (f.host === host) lines.push(`${f.protocol} ${f.port} in ${f.in}: dnat to ${f.to}`);
  for (const m of topology.masquerade ?? [])
    if (m.host === host)
      lines.push(`out ${m.out}: masquerade${m.random ? ` random ${RANDOM_PORTS}` : ''}`);
  return lines;
}

/** The links in chain order: links[i] joins hosts[i] and hosts[i + 1]. */
function chain(topology: Topology): Link[] {
  return topology.hosts.slice(1).map((host, i) => {
    const previous = topology.hosts[i].id;
    const link = topology.links.find((l) => {
      const ids = l.ends.map((e) => e.host);
      return ids.includes(previous) && ids.includes(host.id);
    });
    if (!link || topology.links.length !== topology.hosts.length - 1)
      throw new Error(
        `${topology.name}: a lab map draws a chain of hosts, each linked to the next`,
      );
    return link;
  });
}

const endOf = (link: Link, host: Host): End => link.ends.find((e) => e.host === host.id)!;

const WORDS: Record<Lang, { link: (mtu?: number, rate?: string) => string; router: string }> = {
  pt: {
    link: (mtu = 1500, rate) => `enlace, MTU ${mtu}${rate ? `, ${rate}` : ''}`,
    router: 'roteador: encaminha pacotes',
  },
  en: {
    link: (mtu = 1500, rate) => `link, MTU ${mtu}${rate ? `, ${rate}` : ''}`,
    router: 'router: forwards packets',
  },
};

/** A text of the map: where it goes, its diagram classes and its words. */
export interface MapText {
  x: number;
  y: number;
  class: string;
  text: string;
}

/**
 * The map's geometry, drawn with the course's diagram classes (both themes), 420 units wide:
 * a box per host, a line per link between them, and their words. <Lab> writes it as SVG markup.
 */
export function labMap(topology: Topology, lang: Lang) {
  const links = chain(topology);
  const [width, left, boxWidth, line, gap] = [420, 10, 400, 18, 96];
  const boxes: { x: number; y: number; width: number; height: number }[] = [];
  const lines: string[] = [];
  const texts: MapText[] = [];
  let y = 10;
  topology.hosts.forEach((host, i) => {
    const notes = [
      ...(host.router ? [WORDS[lang].router] : []),
      ...rulesOf(topology, host.id, lang),
    ];
    const height = 34 + notes.length * line;
    boxes.push({ x: left, y, width: boxWidth, height });
    texts.push(
      { x: left + 12, y: y + 22, class: 'd-text d-strong', text: host.label[lang] },
      ...notes.map((note, n) => ({
        x: left + 12,
        y: y + 42 + n * line,
        class: 'd-small d-mono',
        text: note,
      })),
    );
    y += height;
    const link = links[i];
    if (!link) return;
    const [top, bottom] = [endOf(link, host), endOf(link, topology.hosts[i + 1])];
    const x = left + 40;
    lines.push(`M${x} ${y} L${x} ${y + gap}`);
    texts.push(
      { x: x + 12, y: y + 20, class: 'd-mono', text: `${top.iface} ${top.address}` },
      {
        x: x + 12,
        y: y + gap / 2 + 5,
        class: 'd-small',
        text: WORDS[lang].link(link.mtu, link.rate),
      },
      { x: x + 12, y: y + gap - 10, class: 'd-mono', text: `${bottom.iface} ${bottom.address}` },
    );
    y += gap;
  });
  return { width, height: y + 10, boxes, lines, texts };
}

/** The map in words: the picture's text alternative. */
export function describeLab(topology: Topology, lang: Lang): string {
  const links = chain(topology);
  const sentences = links.map((link) => {
    const [a, b] = link.ends.map((e) => {
      const host = topology.hosts.find((h) => h.id === e.host)!;
      return `${host.label[lang]} (${e.iface} ${e.address})`;
    });
    return lang === 'pt' ? `${a} ligado a ${b}.` : `${a} linked to ${b}.`;
  });
  for (const host of topology.hosts) {
    const rules = rulesOf(topology, host.id, lang);
    if (rules.length)
      sentences.push(
        `${lang === 'pt' ? 'No' : 'On the'} ${host.label[lang]}: ${rules.join('; ')}.`,
      );
  }
  return sentences.join(' ');
}
