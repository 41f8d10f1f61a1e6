// The PDFs of `npm run build:pdf` (src/lib/pdf-command.ts), one per language, read back with
// poppler's pdftotext and pdfinfo — the tools the build itself uses, and the plainest reading of
// a PDF's text there is: every lesson is in it in course order, the contents' page numbers lead to
// the lessons, no line of code is cut, and the links between lessons stay inside the PDF.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { course } from '../../astro.config.mjs';
import { parsePage } from '../../src/lib/lessons.ts';
import { editions, lessonAnchor } from '../../src/lib/edition.ts';
import { extractRegion } from '../../src/lib/regions.ts';
import {
  destinations,
  hasPoppler,
  imageCount,
  pageCount,
  pageTexts,
  rightmostWords,
} from '../../src/lib/poppler.ts';
import { repositoryRoot as root } from '../../src/lib/processes.ts';
import { dist } from './pages.ts';

const poppler = hasPoppler();
if (!poppler && process.env.CI)
  throw new Error('pdftotext is missing (apt-get install poppler-utils)');
if (!poppler)
  console.warn('pdf.test.ts skipped: pdftotext is missing (apt-get install poppler-utils)');

const lessons = course.flatMap((group) => group.items);
/** The text as the tests compare it: no whitespace at all, so a wrapped line reads whole. */
const squeeze = (text: string) => text.replace(/\s+/g, '');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!poppler).each(editions)('the PDF $pdf', (edition) => {
  const file = join(dist, edition.pdf);
  const docs = join(root, 'src/content/docs', edition.locale ?? '');
  const titleOf = (slug: string) => {
    const raw = /^title:\s*(.+)$/m.exec(readFileSync(join(docs, `${slug}.mdx`), 'utf8'))![1];
    return raw.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
  };
  let pages: string[]; // the text of each page; pages[0] is page 1
  let start: Map<string, number>; // each lesson's first page, from the contents

  beforeAll(() => {
    if (!existsSync(file)) throw new Error(`no ${file}: run \`npm run build:pdf\` after the build`);
    pages = pageTexts(file);
    // The contents: the pages before the first lesson, each title followed by its page number.
    const contents = oneLine(pages.slice(0, 6).join(' '));
    start = new Map(
      lessons.map((slug) => {
        const number = new RegExp(`${escape(titleOf(slug))} (\\d+)`).exec(contents)?.[1];
        return [slug, Number(number)];
      }),
    );
  });

  it('has a sane number of pages for its lessons, as pdfinfo counts them', () => {
    const count = pageCount(file);
    expect(count).toBe(pages.length);
    expect(count).toBeGreaterThanOrEqual(5 * lessons.length);
    expect(count).toBeLessThanOrEqual(40 * lessons.length);
  });

  it('lists every lesson in its contents, in course order, with a page number', () => {
    const numbers = lessons.map((slug) => start.get(slug));
    expect(
      numbers.every((n) => Number.isInteger(n) && n! > 2),
      JSON.stringify(numbers),
    ).toBe(true);
    expect([...numbers].sort((a, b) => a! - b!)).toEqual(numbers); // the appendix comes last
    expect(numbers.at(-1)!).toBeLessThanOrEqual(pages.length);
  });

  it("starts every lesson on the page its contents' number says: its part of the course, then its title", () => {
    for (const group of course) {
      const label = edition.locale ? group.translations.en : group.label;
      for (const slug of group.items) {
        const page = oneLine(pages[start.get(slug)! - 1] ?? '');
        // pdftotext -raw: the page's text in the order it was drawn, the running header last.
        expect(page.toLowerCase(), `${slug}, page ${start.get(slug)}`).toMatch(
          new RegExp(`^${escape(`${label} ${titleOf(slug)}`.toLowerCase())}`),
        );
      }
    }
  });

  it('has no empty page, nor one that holds only the title of a code block', () => {
    // pdftotext -raw: the running header and the page number are a page's last two lines.
    const bodies = pages.map((page) => page.trim().split('\n').slice(0, -2).join(' ').trim());
    const bad = bodies
      .map((body, i) => `page ${i + 1}: "${body}"`)
      .filter((_, i) => bodies[i] === '' || /^examples\/\S+$/.test(bodies[i]));
    expect(bad).toEqual([]);
  });

  it('shows the longest line of every code region whole (wrapped, never cut)', () => {
    const text = squeeze(pages.join(''));
    const cut: string[] = [];
    for (const slug of lessons) {
      for (const ref of parsePage(readFileSync(join(docs, `${slug}.mdx`), 'utf8')).references) {
        const shown =
          ref.kind === 'Example'
            ? ref.props.file
            : ref.kind === 'Exercise'
              ? `exercises/${ref.props.id}/solution.ts` // printed open, with its solution
              : undefined;
        if (!shown || !ref.props.region) continue;
        const source = readFileSync(join(root, 'examples', shown), 'utf8');
        const region = extractRegion(source, shown, ref.props.region);
        const longest = region.split('\n').reduce((a, b) => (b.length > a.length ? b : a));
        if (!text.includes(squeeze(longest)))
          cut.push(`${slug}: ${shown}#${ref.props.region}: ${longest}`);
      }
    }
    expect(cut).toEqual([]);
  });

  it('draws the diagrams, the packet diagrams and everything else as vectors: not one raster picture', () => {
    const html = readFileSync(join(dist, edition.page, 'index.html'), 'utf8');
    expect(html).toContain('class="diagram packets"'); // there are packet diagrams to draw
    expect(html).toContain('class="diagram"');
    expect(imageCount(file)).toBe(0);
  });

  it('draws nothing past the right margin: long lines wrap instead of running off the page', () => {
    // A5 is 420 points wide, its side margins 12 mm (34 points: src/styles/print-edition.css).
    const margin = (12 / 25.4) * 72;
    const over = rightmostWords(file)
      .map((page, i) => ({ ...page, page: i + 1 }))
      .filter((page) => page.xMax > page.width - margin + 1)
      .map((page) => `page ${page.page}: "${page.word}" ends at ${page.xMax.toFixed(0)} pt`);
    expect(over).toEqual([]);
  });

  it('keeps links between lessons inside the PDF, and each leads somewhere', () => {
    const html = readFileSync(join(dist, edition.page, 'index.html'), 'utf8');
    const site = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
    expect(site).toBeTruthy();
    const origin = new URL(site!).origin;
    const targets = new Set<string>();
    const leaving: string[] = [];
    for (const [tag] of html.matchAll(/<a\s[^>]*>/g)) {
      if (/class="[^"]*sl-(anchor|skip)-link/.test(tag)) continue; // not printed
      const href = /\shref="([^"]+)"/.exec(tag)?.[1] ?? '';
      if (href.startsWith('#')) targets.add(href.slice(1));
      else if (href.startsWith(origin)) {
        const path = new URL(href).pathname.replace(/^\/en\//, '/').replace(/^\/|\/$/g, '');
        if (lessons.includes(path)) leaving.push(href);
      }
    }
    expect(leaving).toEqual([]);
    // The contents' links and the lessons' links to each other (and to their own headings).
    expect(targets.size).toBeGreaterThan(lessons.length);
    for (const slug of lessons) expect(targets).toContain(lessonAnchor(slug));
    const named = destinations(file);
    expect([...targets].filter((target) => !named.has(target))).toEqual([]);
  });
});
