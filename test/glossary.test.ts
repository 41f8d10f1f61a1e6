// One term per concept (src/lib/glossary.ts): no page, hint, diagram or interface string uses a
// variant the glossary rejects, in either language. Prose is read from the MDX tree (text and
// the words of pictures), never from code, which may spell things as programs do.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mdxToMdast, type MdastNode } from 'satteri';
import { describe, expect, it } from 'vitest';
import { exerciseIds, loadExercise } from '../src/lib/exercise-registry.ts';
import { pagesUnder } from '../src/lib/content-checks.ts';
import { glossary } from '../src/lib/glossary.ts';
import { root } from './processes.ts';

type Lang = 'pt' | 'en';

/** The words a reader reads on a page: its text, its headings and title, its pictures' alt and caption. */
function proseOf(mdx: string): string[] {
  const out: string[] = [];
  const visit = (node: MdastNode) => {
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
    if ('children' in node) for (const child of node.children as MdastNode[]) visit(child);
  };
  visit(mdxToMdast(mdx));
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
  return found;
}

describe.each(['pt', 'en'] as const)('the %s pages, hints and pictures', (lang) => {
  it('use the glossary’s term for each concept, never a rejected variant', async () => {
    const problems: string[] = [];
    for (const [where, text] of await prose(lang)) {
      for (const entry of glossary) {
        for (const pattern of entry.avoid?.[lang] ?? []) {
          const m = pattern.exec(text);
          if (m)
            problems.push(
              `${where}: "${m[0]}" — the course says "${entry.term[lang]}" (…${text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30)}…)`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the glossary', () => {
  it('would catch a rejected variant in a page', () => {
    const text = proseOf(
      '---\ntitle: x\n---\n\nO socket fica preso à porta 12000 e o RFC 768 define o UDP. Um laço que prende a thread não é bind.\n',
    ).join(' ');
    const hits = glossary
      .filter((e) => (e.avoid?.pt ?? []).some((p) => p.test(text)))
      .map((e) => e.term.pt);
    expect(hits).toEqual(['bind (fazer o bind)', 'a RFC']);
  });

  it('reads prose, not code: a variant inside `code` is left alone', () => {
    expect(proseOf('Use `pedido` e\n\n```sh\npedido\n```\n').join(' ')).not.toContain('pedido');
  });
});
