// Links to a term of the glossary (/appendix/glossary/#segmento, /en/appendix/glossary/#segment)
// must name a term that exists, in the page's language. The ids come from <Glossary />, which the
// build's link validator cannot see, so this test checks them (astro.config.mjs leaves them to it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { pagesUnder } from '../src/lib/content-checks.ts';
import { glossary } from '../src/lib/glossary.ts';
import { root } from './processes.ts';

/** The id <Glossary /> gives a term (src/components/Glossary.astro). */
const slug = (text: string) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

it('every link to a glossary term names a term of the glossary, in the same language', () => {
  const docs = join(root, 'src/content/docs');
  const ids = { pt: new Set(glossary.map((e) => slug(e.term.pt))), en: new Set(glossary.map((e) => slug(e.term.en))) };
  const pages = [...pagesUnder(docs, 'en').map((p) => join(docs, p)), ...pagesUnder(join(docs, 'en')).map((p) => join(docs, 'en', p))];
  const broken: string[] = [];
  let links = 0;
  for (const page of pages) {
    for (const m of readFileSync(page, 'utf8').matchAll(/\]\((\/en)?\/appendix\/glossary\/#([^)\s]+)\)/g)) {
      links++;
      const lang = m[1] ? 'en' : 'pt';
      const pageLang = page.includes(`${join(docs, 'en')}/`) ? 'en' : 'pt';
      if (lang !== pageLang || !ids[lang].has(m[2])) broken.push(`${page.slice(root.length)}: ${m[0]}`);
    }
  }
  expect(broken).toEqual([]);
  expect(links).toBeGreaterThan(0);
});

it('the slug is the one <Glossary /> uses', () => {
  const component = readFileSync(join(root, 'src/components/Glossary.astro'), 'utf8');
  expect(component).toContain(".toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')");
  expect(slug('Handshake de três vias')).toBe('handshake-de-tres-vias');
});
