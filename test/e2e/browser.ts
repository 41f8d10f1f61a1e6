// Debian's chromium (src/lib/chromium.ts), driven by playwright-core. A test run starts
// one chromium (preview.ts) and every test file connects to it; pages open side by side, each in
// a fresh context (no cache, no storage), as a first-time reader would open them.
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { type Browser, type Page, type Response } from 'playwright-core';

export { CHROMIUM, FLAGS, connect, launch, launchServer } from '../../src/lib/chromium.ts';

export type Theme = 'light' | 'dark';

export interface VisitOptions {
  javaScript?: boolean;
  /** The theme a reader chose before (Starlight keeps it in localStorage). */
  theme?: Theme;
  /** The window's width in CSS pixels (1280 by default; a phone is 375). */
  width?: number;
  /** Fetch the page's HTML alone, no script, style or picture: to read what it says, quickly. */
  htmlOnly?: boolean;
}

/** Open a page in a fresh context and collect what went wrong while it loaded. */
export async function visit(browser: Browser, url: string, options: VisitOptions = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: !options.htmlOnly && (options.javaScript ?? true),
    viewport: { width: options.width ?? 1280, height: 800 },
  });
  if (options.theme) {
    await context.addInitScript((theme) => {
      if (location.protocol === 'http:') localStorage.setItem('starlight-theme', theme);
    }, options.theme);
  }
  if (options.htmlOnly) {
    await context.route('**/*', (route) =>
      route.request().resourceType() === 'document' ? route.continue() : route.abort(),
    );
  }
  const page: Page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  const responses: Response[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`),
  );
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => responses.push(r));
  const response = await page.goto(url, { waitUntil: 'load' });
  // "On load": what arrived before the load event. Starlight fetches its search UI later, when
  // the browser is idle, so that is not counted.
  const loaded = [...responses];
  return {
    page,
    context,
    problems,
    requests,
    status: response?.status(),
    weight: () => weightOf(loaded),
  };
}

export interface Weight {
  html: number;
  css: number;
  js: number;
  other: number;
  total: number;
  /** HTML plus the CSS needed to render it: what must arrive before the first paint. */
  firstPaint: number;
}

// A file's gzip size, by URL: the site's CSS and JS are the same files on every page.
const gzipped = new Map<string, number>();

/** What the responses weigh, gzip-compressed, as a static host would serve them. */
async function weightOf(responses: Response[]): Promise<Weight> {
  const sizes = await Promise.all(
    responses.map(async (r) => {
      let size = gzipped.get(r.url());
      if (size === undefined) {
        const body = await r.body().catch(() => Buffer.alloc(0));
        size = gzipSync(body, { level: 9 }).length;
        gzipped.set(r.url(), size);
      }
      return [r.request().resourceType(), size] as const;
    }),
  );
  const sum = (types: string[]) =>
    sizes.filter(([type]) => types.includes(type)).reduce((n, [, b]) => n + b, 0);
  const [html, css, js] = [sum(['document']), sum(['stylesheet']), sum(['script'])];
  const total = sizes.reduce((n, [, b]) => n + b, 0);
  return { html, css, js, other: total - html - css - js, total, firstPaint: html + css };
}

/** What a page costs to load on a first visit: its HTML, CSS and JS, gzip. */
export async function pageWeight(browser: Browser, url: string): Promise<Weight> {
  const { context, weight } = await visit(browser, url);
  try {
    return await weight();
  } finally {
    await context.close();
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page as it is (or in the part `scope` selects), one line each. */
export async function axeViolations(page: Page, scope = 'html'): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(
    (scope) => (window as any).axe.run(scope, { resultTypes: ['violations'] }),
    scope,
  );
  return (result.violations as { id: string; help: string; nodes: { target: string[] }[] }[]).map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}
