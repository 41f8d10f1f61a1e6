// One term per concept (src/lib/glossary.ts): no page, hint, diagram, interface string or glossary
// definition uses a variant the glossary rejects, or writes a number against the course's rule, in
// either language. Prose is read from the MDX tree (text and the words of pictures), never from
// code, which may spell things as programs do.
//
// And a reader can lean on the glossary: in each language, the first use of a term in the course
// (the lessons in course order; the appendix is reference, not read in order) is a link to its
// entry or to the lesson that explains it. For the terms that every lesson's code leans on
// (listener, callback, promise and `await`: `everyLesson`), so is the first use in every lesson,
// for a reader who opens a lesson in the middle of the course.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mdxToMdast, type MdastNode } from 'satteri';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { exerciseIds, loadExercise } from '../src/lib/exercise-registry.ts';
import { pagesUnder } from '../src/lib/lessons.ts';
import { anchorOf, glossary, numbers, type Entry } from '../src/lib/glossary.ts';
import { course } from '../astro.config.mjs';
import { root } from './processes.ts';

type Lang = 'pt' | 'en';

/** Every rule prose must follow: each term's rejected variants, then how numbers are written. */
const rules = [
  ...glossary.map((e) => ({ name: e.term, avoid: e.avoid ?? {} })),
  { name: { pt: 'números', en: 'numbers' }, avoid: numbers.avoid },
];

/** The rules a piece of text breaks, by name, each with its first match. */
function broken(text: string, lang: Lang): { name: string; match: RegExpExecArray }[] {
  const found = [];
  for (const rule of rules) {
    const match = (rule.avoid[lang] ?? []).map((p) => p.exec(text)).find((m) => m !== null);
    if (match) found.push({ name: rule.name[lang], match });
  }
  return found;
}

/** The words a reader reads on a page: its text, its headings and title, its pictures' alt and caption. */
function proseOf(mdx: string): string[] {
  const out: string[] = [];
  visit(mdxToMdast(mdx), (node) => {
    if (node.type === 'text') out.push(node.value);
    if (node.type === 'yaml')
      out.push(...node.value.split('\n').filter((l) => /^(title|description):/.test(l)));
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      for (const a of node.attributes)
        if (
          a.type === 'mdxJsxAttribute' &&
          ['alt', 'caption', 'title'].includes(a.name) &&
          typeof a.value === 'string'
        )
          out.push(a.value);
    }
  });
  return out;
}

/** Every piece of prose in one language, with where it comes from. */
async function prose(lang: Lang): Promise<[string, string][]> {
  const docs = join(root, 'src/content/docs');
  const pages =
    lang === 'pt'
      ? pagesUnder(docs, 'en').map((p) => `src/content/docs/${p}`)
      : pagesUnder(join(docs, 'en')).map((p) => `src/content/docs/en/${p}`);
  const found: [string, string][] = [];
  for (const page of pages)
    for (const text of proseOf(readFileSync(join(root, page), 'utf8'))) found.push([page, text]);
  for (const id of exerciseIds()) {
    const exercise = await loadExercise(id);
    found.push([`examples/exercises/${id}/check.ts`, exercise.title[lang]]);
    for (const check of exercise.checks)
      found.push([
        `examples/exercises/${id}/check.ts`,
        `${check.name[lang]} ${check.hint?.[lang] ?? ''}`,
      ]);
  }
  const svgLang = lang === 'pt' ? 'pt-BR' : 'en';
  for (const file of readdirSync(join(root, 'src/diagrams')).filter((f) =>
    f.endsWith(`.${svgLang}.svg`),
  )) {
    const svg = readFileSync(join(root, 'src/diagrams', file), 'utf8');
    for (const m of svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g))
      found.push([`src/diagrams/${file}`, m[1]]);
  }
  const strings = JSON.parse(
    readFileSync(join(root, `src/content/i18n/${svgLang}.json`), 'utf8'),
  ) as Record<string, string>;
  for (const text of Object.values(strings)) found.push([`src/content/i18n/${svgLang}.json`, text]);
  for (const entry of glossary)
    found.push([`src/lib/glossary.ts (${entry.term[lang]})`, entry.definition[lang]]);
  return found;
}

describe.each(['pt', 'en'] as const)('the %s pages, hints, pictures and glossary', (lang) => {
  it('use the glossary’s term for each concept and write numbers one way', async () => {
    const problems: string[] = [];
    for (const [where, text] of await prose(lang))
      for (const { name, match } of broken(text, lang))
        problems.push(
          `${where}: "${match[0]}" — the course says "${name}" (…${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30)}…)`,
        );
    expect(problems).toEqual([]);
  });
});

describe('the glossary', () => {
  it('would catch a rejected variant in a page', () => {
    const text = proseOf(
      '---\ntitle: x\n---\n\nO socket fica preso à porta 12000 e o RFC 768 define o UDP. Um laço que prende a thread não é bind.\n',
    ).join(' ');
    expect(broken(text, 'pt').map((b) => b.name)).toEqual(['bind (fazer o bind)', 'a RFC']);
  });

  // Each sentence breaks one rule, the one named after it.
  it.each([
    ['pt', 'servidores e resolvedores limitam as respostas', 'resolver'],
    ['pt', 'este tem um ouvinte para o evento', 'listener'],
    ['pt', 'feche a conexão no tratador dele', 'listener'],
    ['pt', 'um erro que ninguém escuta derruba o processo', 'listener'],
    ['pt', 'se ninguém está escutando, o Node lança a exceção', 'listener'],
    ['en', 'an error that nobody listens for brings it down', 'listener'],
    ['pt', 'com o flag TC ligado', 'flag (a flag)'],
    ['pt', 'e os flags qr aa rd', 'flag (a flag)'],
    ['pt', 'O RFC deixaria a tentativa lenta continuar', 'a RFC'],
    ['pt', 'Pelo RFC 768, o UDP não tem conexão', 'a RFC'],
    ['pt', 'O tempo limite é por inatividade', 'timeout (prazo)'],
    ['pt', 'o cliente HTTP envia um pedido por ela', 'requisição'],
    ['pt', 'antes de dar um pedido por atendido', 'requisição'],
    ['pt', 'sigilo e autenticação são do TLS', 'TLS'],
    ['en', 'secrecy and authentication are TLS’s', 'TLS'],
    ['pt', 'autentica cada bloco', 'registro TLS'],
    ['en', 'authenticates every block', 'TLS record'],
    ['pt', 'repete com 200 kB', 'KiB e MiB'],
    ['en', 'does it again with 200 kB', 'KiB and MiB'],
    ['pt', 'ou a capability CAP_NET_RAW', 'capacidade'],
    ['pt', 'SYN, SYN-ACK e ACK, as três etapas da lição', 'handshake de três vias'],
    ['en', 'SYN, SYN-ACK and ACK, the three steps from', 'three-way handshake'],
    ['pt', 'confiável, ordenado, full duplex', 'full-duplex'],
    ['pt', 'como o line-server.ts da lição sobre streams', 'fluxo (stream)'],
    ['pt', 'depois de 7200 segundos de silêncio', 'números'],
    ['pt', '--timeout milissegundos (5000 por padrão)', 'números'],
    ['pt', 'no máximo 1,200 bytes', 'números'],
    ['pt', 'a porta 12.000 e a RFC 9.293', 'números'],
    ['en', 'after 7200 seconds of silence', 'numbers'],
    ['en', 'at most 1.200 bytes', 'numbers'],
    ['en', 'port 12,000', 'numbers'],
  ] as const)('%s: "%s" breaks %s', (lang, text, name) => {
    expect(broken(text, lang).map((b) => b.name)).toEqual([name]);
  });

  // … and these say the same things the course's way: no rule fires.
  it.each([
    ['pt', 'servidores e resolvers limitam as respostas; o TLS é o protocolo que resolve isso'],
    ['pt', 'tem um listener para o evento; ninguém escuta na porta 12000'],
    ['pt', 'um erro sem listener derruba o processo inteiro'],
    ['pt', 'com a flag TC ligada, e as flags qr aa rd; desde o DNS Flag Day'],
    ['pt', 'A RFC deixaria a tentativa lenta continuar; a RFC 768'],
    ['pt', 'O timeout é por inatividade: o prazo recomeça'],
    ['pt', 'o que foi pedido; o cliente envia uma requisição por ela'],
    ['pt', 'autentica cada registro; recusa o registro inteiro'],
    ['pt', 'a capacidade CAP_NET_RAW; o handshake de três vias'],
    ['pt', 'de 1 a 1.024 bytes, 7.200 segundos, milissegundos (1.000, por padrão), 200.000 bytes'],
    ['pt', 'a porta 12000, de 32768 a 60999 por padrão, a RFC 9293, o Errno 98, em 2020'],
    ['en', 'an error with no listener; nothing listens on port 12000'],
    ['en', '1 to 1,024 bytes, 7,200 seconds, milliseconds (1,000 by default), 200,000 bytes'],
    ['en', 'port 12000, 32768 to 60999 by default, RFC 9293, Errno 98, in 2020'],
  ] as const)('%s: "%s" breaks no rule', (lang, text) => {
    expect(broken(text, lang)).toEqual([]);
  });

  it('reads prose, not code: a variant inside `code` is left alone', () => {
    expect(proseOf('Use `pedido` e\n\n```sh\npedido\n```\n').join(' ')).not.toContain('pedido');
  });
});

/** A piece of a lesson's running text, in reading order: the link it sits in, if any. */
interface Run {
  text: string;
  code: boolean;
  href?: string;
}

/** A lesson's running text: paragraphs, lists, tables and boxes; not headings, pictures or code blocks. */
function runsOf(mdx: string): Run[] {
  const out: Run[] = [];
  // A walk of its own (not unist-util-visit): each text needs the link it sits in.
  const walk = (node: MdastNode, href?: string) => {
    if (['heading', 'code', 'yaml', 'mdxjsEsm'].includes(node.type)) return;
    if (node.type === 'text') out.push({ text: node.value, code: false, href });
    if (node.type === 'inlineCode') out.push({ text: node.value, code: true, href });
    const link = node.type === 'link' ? node.url : href;
    if ('children' in node) for (const child of node.children as MdastNode[]) walk(child, link);
  };
  walk(mdxToMdast(mdx));
  return out;
}

/** The lessons a reader reads in order: the course order, without the appendix. */
const lessons = course
  .flatMap((part) => part.items)
  .filter((slug) => !slug.startsWith('appendix/'));

/** Where a link to a term may go: its glossary entry, or the lesson that explains it. */
function linksTo(entry: Entry, lang: Lang, href: string): boolean {
  const base = lang === 'pt' ? '' : '/en';
  if (href === `${base}/appendix/glossary/#${anchorOf(entry.term[lang])}`) return true;
  return !!entry.lesson && href.split('#')[0] === `${base}/${entry.lesson}/`;
}

/**
 * The first use of a term in a lesson's runs, if any. Words inside a link to somewhere else (a
 * lesson's title, another term) are that link's, not a use.
 */
function firstUse(entry: Entry, lang: Lang, runs: Run[]): Run | undefined {
  const { uses } = entry;
  if (!uses) return undefined;
  return runs.find(
    (run) =>
      (run.code ? uses.code : uses[lang])?.test(run.text) &&
      (!run.href || linksTo(entry, lang, run.href)),
  );
}

/** The uses that should be links and are not: the course's first, and every lesson's for `everyLesson`. */
function unlinked(lang: Lang, pages: [slug: string, runs: Run[]][]): string[] {
  const problems: string[] = [];
  for (const entry of glossary.filter((e) => e.uses)) {
    let seen = false;
    for (const [slug, runs] of pages) {
      const use = firstUse(entry, lang, runs);
      if (!use) continue;
      if ((!seen || entry.everyLesson) && !(use.href && linksTo(entry, lang, use.href)))
        problems.push(
          `${slug}: "${entry.term[lang]}" first used here, not as a link to the glossary or to ${entry.lesson ?? 'its entry'} (…${use.text.slice(0, 80)}…)`,
        );
      seen = true;
    }
  }
  return problems;
}

describe.each(['pt', 'en'] as const)('the %s lessons lean on the glossary', (lang) => {
  it('link each term where the course first uses it (every lesson, for the terms every lesson’s code leans on)', () => {
    const docs = join(root, 'src/content/docs', lang === 'pt' ? '' : 'en');
    const pages = lessons.map(
      (slug) => [slug, runsOf(readFileSync(join(docs, `${slug}.mdx`), 'utf8'))] as [string, Run[]],
    );
    expect(unlinked(lang, pages)).toEqual([]);
  });
});

describe('the first-use rule', () => {
  const page = (mdx: string) => runsOf(`---\ntitle: x\n---\n\n${mdx}\n`);
  const kernel = glossary.find((e) => e.term.en === 'kernel')!;
  const callback = glossary.find((e) => e.term.en === 'callback')!;

  it('reads running text in order, with the link each piece sits in, and skips headings', () => {
    expect(
      page('## O kernel\n\nO [kernel](/appendix/glossary/#kernel) e `await once(x)`.'),
    ).toEqual([
      { text: 'O ', code: false, href: undefined },
      { text: 'kernel', code: false, href: '/appendix/glossary/#kernel' },
      { text: ' e ', code: false, href: undefined },
      { text: 'await once(x)', code: true, href: undefined },
      { text: '.', code: false, href: undefined },
    ]);
  });

  it('takes a link to the entry or to the lesson that explains the term, and nothing else', () => {
    expect(linksTo(kernel, 'pt', '/appendix/glossary/#kernel')).toBe(true);
    expect(linksTo(kernel, 'en', '/en/appendix/glossary/#kernel')).toBe(true);
    expect(linksTo(kernel, 'en', '/en/basics/sockets-and-ports/#what-a-socket-is')).toBe(true);
    expect(linksTo(kernel, 'pt', '/en/appendix/glossary/#kernel')).toBe(false);
    expect(linksTo(kernel, 'pt', '/appendix/glossary/#socket')).toBe(false);
    expect(linksTo(callback, 'pt', '/basics/node-events/#callbacks')).toBe(true);
  });

  it('finds an unlinked first use in the course, and in every lesson for an everyLesson term', () => {
    const problems = unlinked('pt', [
      ['a', page('O [kernel](/appendix/glossary/#kernel) guarda um callback.')],
      ['b', page('O kernel de novo, e o [callback](/basics/node-events/#callbacks).')],
      ['c', page('Mais um callback, sem link.')],
    ]);
    expect(problems.map((p) => p.split(' first')[0])).toEqual(['a: "callback"', 'c: "callback"']);
  });

  it('leaves alone the words of a link to somewhere else, such as a lesson’s title', () => {
    const problems = unlinked('pt', [
      [
        'a',
        page('A lição [Perda, timeouts e novas tentativas](/udp/loss-and-retries/) vem antes.'),
      ],
      ['b', page('Um timeout sem link.')],
    ]);
    expect(problems.map((p) => p.split(' first')[0])).toEqual(['b: "timeout (prazo)"']);
  });

  it('counts `await` in inline code as a use of promise', () => {
    const problems = unlinked('en', [['a', page('Then `await once(server, "listening")`.')]]);
    expect(problems.map((p) => p.split(' first')[0])).toEqual(['a: "promise"']);
  });
});
