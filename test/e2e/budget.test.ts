// Weight budgets: a lesson must stay light on a phone connection.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';
import { builtPages, isLesson } from './pages.ts';
import { kb, pageWeight } from './weight.ts';

/**
 * Two budgets, gzip, for what a page loads before its load event.
 *
 * The site's own weight (CSS, JS: Starlight's chrome, expressive-code, our few scripts) is
 * the same on every page and cached after the first one: it catches a heavy component or
 * script added to the site. About 24 KB today.
 *
 * A page's own weight is its HTML: the text, the code and the transcripts it shows, plus
 * about 8 KB of Starlight's header, sidebar and icons. It catches a page that grows, e.g.
 * by pasting whole files or long transcripts into a lesson; the longest lessons weigh
 * about 27 KB.
 */
export const SITE_BUDGET_BYTES = 26 * 1024;
export const PAGE_BUDGET_BYTES = 30 * 1024;

const base = inject('baseUrl');
const lessons = builtPages().filter((p) => isLesson(p) && !p.path.includes('404'));
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe.each(lessons.map((p) => p.path))('%s', (path) => {
  it(`loads at most ${kb(PAGE_BUDGET_BYTES)} of HTML and ${kb(SITE_BUDGET_BYTES)} of CSS and JS, gzip`, async () => {
    const w = await pageWeight(browser, base + path);
    console.log(
      `${path}: html ${kb(w.html)} css ${kb(w.css)} js ${kb(w.js)} other ${kb(w.other)} = ${kb(w.total)} (first paint ${kb(w.firstPaint)})`,
    );
    expect(w.html, 'the page itself (HTML)').toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(w.total - w.html, "the site's CSS and JS").toBeLessThanOrEqual(SITE_BUDGET_BYTES);
  });
});
