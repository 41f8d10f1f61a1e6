// `npm run build:pdf`: the course as a PDF per language, printed from the built site (run
// `npm run build` first) into dist/ beside it: dist/sockets-e-portas.pdf and
// dist/en/sockets-and-ports.pdf (src/lib/edition.ts), which every page links in its footer.
//
// It serves dist/ as the browser tests do (test/e2e/preview.ts), opens each print page
// (/print/, /en/print/) in Debian's chromium (test/e2e/browser.ts) and prints it with
// `page.pdf()`. The contents' page numbers take two prints: the first says on which page each
// lesson landed — read from the PDF itself with poppler's `pdfinfo -dests`, which lists the
// destination page of every link target, here each lesson's anchor that the contents link to —
// then the numbers are written into the contents and the page is printed again. The numbers have
// a place of fixed width, so writing them moves nothing; the second print is read back the same
// way, and a third is made if a lesson moved all the same.
// Needs: chromium (CHROMIUM_PATH, default /usr/bin/chromium) and pdfinfo (Debian's poppler-utils).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launch, servePreview } from './chromium.ts';
import { withBase } from './base.ts';
import { editions, type Edition } from './edition.ts';
import { destinations, hasPoppler, pageCount } from './poppler.ts';
import { repositoryRoot } from './processes.ts';

const dist = join(repositoryRoot, 'dist');
const PRINTS = 3;

class Failure extends Error {}
function fail(message: string): never {
  throw new Failure(message);
}

/** The contents' page numbers as the page shows them now: anchor → number ('' when not yet written). */
const shown = (page: Page) =>
  page.$$eval('[data-page-of]', (spans) =>
    spans.map((s) => [s.getAttribute('data-page-of')!, s.textContent ?? ''] as const),
  );

async function print(page: Page, file: string, title: string) {
  const small = 'font-size:8px;color:#555;width:100%;margin:0 12mm;font-family:sans-serif';
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(
    file,
    await page.pdf({
      preferCSSPageSize: true, // A5 and the margins: src/styles/print-edition.css
      printBackground: true, // code and terminals are dark, as on the site
      outline: true, // the PDF's bookmarks: every lesson and its headings
      tagged: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${small};text-align:end">${escape(title)}</div>`,
      footerTemplate: `<div style="${small};text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
    }),
  );
}

async function buildEdition(page: Page, server: string, edition: Edition) {
  const started = performance.now();
  const file = join(dist, edition.pdf);
  // The site's base path (BASE_PATH, src/lib/base.ts) is in its addresses, not in dist/.
  const response = await page.goto(server + withBase(edition.page), { waitUntil: 'load' });
  if (response?.status() !== 200) fail(`${edition.page} answered ${response?.status()}`);
  await page.evaluate(() => document.fonts.ready);
  const title = await page.locator('.edition-title').innerText();
  // The PDF's own title (what a reader's app shows) is the page's: make it the course's.
  await page.evaluate((text) => (document.title = text), title);

  for (let round = 1; round <= PRINTS; round++) {
    await print(page, file, title);
    const landed = destinations(file);
    const before = await shown(page);
    const missing = before.filter(([anchor]) => !landed.has(anchor)).map(([anchor]) => anchor);
    if (missing.length) fail(`${edition.pdf}: no destination for ${missing.join(', ')}`);
    if (before.every(([anchor, number]) => number === String(landed.get(anchor)))) {
      const pages = pageCount(file);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
      console.log(`dist${edition.pdf}: ${pages} pages, ${mb} MB (${round} prints, ${seconds} s)`);
      return;
    }
    await page.$$eval(
      '[data-page-of]',
      (spans, numbers) => {
        for (const s of spans) s.textContent = String(numbers[s.getAttribute('data-page-of')!]);
      },
      Object.fromEntries(landed),
    );
  }
  fail(`${edition.pdf}: the contents' page numbers did not settle after ${PRINTS} prints`);
}

async function main() {
  if (!existsSync(join(dist, 'index.html')))
    fail('no built site in dist/: run `npm run build` first');
  for (const edition of editions) {
    if (!existsSync(join(dist, edition.page, 'index.html'))) {
      fail(`no ${edition.page} in dist/: run \`npm run build\` again`);
    }
  }
  if (!hasPoppler()) {
    fail('pdfinfo is missing: install poppler (Debian and Ubuntu: apt-get install poppler-utils)');
  }
  if (!existsSync(CHROMIUM)) fail(`no chromium at ${CHROMIUM}: install it, or set CHROMIUM_PATH`);

  // The browser tests' server for dist/ (under the site's base path, if any), in this process.
  const site = await servePreview();
  const server = site.url;
  const stop = () => site.stop();
  const interrupted = () => {
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    // The whole course is one long page: on a busy machine loading and printing it takes minutes.
    page.setDefaultTimeout(10 * 60_000);
    for (const edition of editions) await buildEdition(page, server, edition);
  } finally {
    await browser.close();
    await stop();
  }
}

try {
  await main();
} catch (error) {
  console.error(`build:pdf: ${error instanceof Failure ? error.message : error}`);
  process.exitCode = 1;
}
