// Weight budgets: a lesson must stay light on a phone connection.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';
import { builtPages, isLesson } from './pages.ts';
import { kb, pageWeight } from './weight.ts';

/**
 * Everything a page loads before its load event (HTML, CSS, JS, gzip). The course aims at
 * 30 KB, but Starlight alone (its CSS, its scripts, the page chrome) is about 29 KB; this
 * ceiling catches a page that grows, e.g. by pasting whole files into a lesson.
 */
export const BUDGET_BYTES = 45 * 1024;

const base = inject('baseUrl');
const lessons = builtPages().filter((p) => isLesson(p) && !p.path.includes('404'));
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe.each(lessons.map((p) => p.path))('%s', (path) => {
  it(`loads at most ${kb(BUDGET_BYTES)} gzip`, async () => {
    const w = await pageWeight(browser, base + path);
    console.log(`${path}: html ${kb(w.html)} css ${kb(w.css)} js ${kb(w.js)} other ${kb(w.other)} = ${kb(w.total)} (first paint ${kb(w.firstPaint)})`);
    expect(w.total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
