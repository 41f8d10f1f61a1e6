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

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The map, as SVG drawn with the course's diagram classes (both themes), 420 units wide. */
export function labMapSvg(topology: Topology, lang: Lang): string {
  const links = chain(topology);
  const [width, left, boxWidth, line, gap] = [420, 10, 400, 18, 96];
  const parts: string[] = [];
  let y = 10;
  topology.hosts.forEach((host, i) => {
    const notes = [
      ...(host.router ? [WORDS[lang].router] : []),
      ...rulesOf(topology, host.id, lang),
    ];
    const height = 34 + notes.length * line;
    parts.push(
      `<rect class="d-box" x="${left}" y="${y}" width="${boxWidth}" height="${height}" rx="6"/>`,
      `<text class="d-text d-strong" x="${left + 12}" y="${y + 22}">${escape(host.label[lang])}</text>`,
      ...notes.map(
        (note, n) =>
          `<text class="d-small d-mono" x="${left + 12}" y="${y + 42 + n * line}">${escape(note)}</text>`,
      ),
    );
    y += height;
    const link = links[i];
    if (!link) return;
    const [top, bottom] = [endOf(link, host), endOf(link, topology.hosts[i + 1])];
    const x = left + 40;
    parts.push(
      `<path class="d-line" d="M${x} ${y} L${x} ${y + gap}"/>`,
      `<text class="d-mono" x="${x + 12}" y="${y + 20}">${escape(`${top.iface} ${top.address}`)}</text>`,
      `<text class="d-small" x="${x + 12}" y="${y + gap / 2 + 5}">${escape(WORDS[lang].link(link.mtu, link.rate))}</text>`,
      `<text class="d-mono" x="${x + 12}" y="${y + gap - 10}">${escape(`${bottom.iface} ${bottom.address}`)}</text>`,
    );
    y += gap;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y + 10}">`,
    ...parts,
    '</svg>',
  ].join('\n');
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
