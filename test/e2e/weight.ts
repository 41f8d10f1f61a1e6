// What a page costs to load: the bytes of its HTML, CSS and JS, gzip-compressed
// (as a static host would serve them), fetched by a real browser on load.
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface Weight {
  html: number;
  css: number;
  js: number;
  other: number;
  total: number;
  /** HTML plus the CSS needed to render it: what must arrive before the first paint. */
  firstPaint: number;
}

export async function pageWeight(browser: Browser, url: string): Promise<Weight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<[string, number]>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    pending.push(
      response
        .body()
        .then((body) => [type, gzipSync(body, { level: 9 }).length] as [string, number])
        .catch(() => [type, 0] as [string, number]),
    );
  });
  // "On load": what arrives before the load event. Starlight fetches its search UI later,
  // when the browser is idle, so it is not counted here.
  await page.goto(url, { waitUntil: 'load' });
  const sizes = await Promise.all([...pending]);
  await context.close();
  const sum = (t: string[]) =>
    sizes.filter(([type]) => t.includes(type)).reduce((n, [, b]) => n + b, 0);
  const html = sum(['document']);
  const css = sum(['stylesheet']);
  const js = sum(['script']);
  const total = sizes.reduce((n, [, b]) => n + b, 0);
  return { html, css, js, other: total - html - css - js, total, firstPaint: html + css };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
