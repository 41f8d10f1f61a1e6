// The site under a base path, as a fork's GitHub Pages project site serves it
// (https://USER.github.io/REPO/, src/lib/base.ts): built here with BASE_PATH into a folder of its
// own (dist/ stays as it is), every internal link, asset, language-picker option and sitemap entry
// of every page (print editions and the not-found page included) lies under the base and leads to
// a file of that build, or to an anchor in it; in chromium the language picker and the search
// lead to pages under the base.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { editions } from '../../src/lib/edition.ts';
import { finish, freePort, start, type Process } from '../../src/lib/processes.ts';
import { launch, visit } from './browser.ts';

const BASE = '/sockets-e-portas';
const SITE = 'https://course.example';
// Not the variables vitest sets for its own Vite (BASE_URL=/, MODE=test…): Astro would read them.
const env = {
  BASE_PATH: BASE,
  SITE_URL: SITE,
  ...Object.fromEntries(
    ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV'].map((name) => [name, undefined]),
  ),
};
const astro = (...args: string[]) => [process.execPath, 'src/lib/astro-command.ts', ...args];

let out: string;
let preview: Process | undefined;
let server: string;
let browser: Browser | undefined;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'course-base-'));
  const build = await finish(start(astro('build', '--outDir', out), { env }), 15 * 60_000);
  if (build.code !== 0) throw new Error(`the build under ${BASE} failed:\n${build.stderr}`);
  const port = await freePort();
  preview = start(
    astro(
      'preview',
      '--outDir',
      out,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--ignore-lock',
    ),
    { env },
  );
  await preview.waitFor(`127.0.0.1:${port}`, { signal: AbortSignal.timeout(30_000) });
  server = `http://127.0.0.1:${port}`;
  browser = await launch();
}, 20 * 60_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop('SIGTERM');
  if (out) rmSync(out, { recursive: true, force: true });
});

/**
 * The built file a path under the base names: a file, a folder's index.html, or NAME.html for
 * NAME/ (the not-found page, /404/, is 404.html, which a host serves for any missing address).
 */
function fileOf(path: string): string | undefined {
  const inside = decodeURIComponent(path.slice(BASE.length));
  for (const candidate of [
    inside,
    join(inside, 'index.html'),
    `${inside.replace(/\/$/, '')}.html`,
  ]) {
    const file = join(out, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return ids.get(file)!;
}

// The PDFs are printed from the built site afterwards (`npm run build:pdf`): their links are
// checked to be where that puts them.
const pdfs = new Set(editions.map((e) => `${BASE}${e.pdf}`));

/** What is wrong with a link of `page` (a path under the base), or undefined. */
function problemOf(page: string, link: string): string | undefined {
  if (/^(#|mailto:|data:|javascript:)/.test(link)) return undefined;
  const url = new URL(link.replace(/&amp;/g, '&'), `${SITE}${page}`);
  if (url.origin !== SITE) return undefined; // another site
  if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) return 'outside the base';
  if (pdfs.has(url.pathname)) return undefined;
  const file = fileOf(url.pathname);
  if (!file) return 'no such file';
  if (url.hash && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(url.hash.slice(1))))
    return 'no such anchor';
  return undefined;
}

const LINKS = [
  /<(?:a|link|area)\s[^>]*?\bhref="([^"]*)"/g,
  /<(?:script|img|source|iframe)\s[^>]*?\bsrc="([^"]*)"/g,
  /<meta\s[^>]*?\bproperty="og:(?:image|url)"[^>]*?\bcontent="([^"]*)"/g,
  /<option\s[^>]*?\bvalue="(\/[^"]*)"/g, // the language picker's pages
];

it(`puts every internal link of every page under ${BASE}, each leading to a file of the build`, () => {
  const pages = readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => `${BASE}/${f.split(sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1'));
  expect(pages).toContain(`${BASE}/`);
  expect(pages).toContain(`${BASE}/en/tcp/closing/`);
  expect(pages).toContain(`${BASE}/print/`);
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    const html = readFileSync(fileOf(page)!, 'utf8');
    for (const pattern of LINKS) {
      for (const [, link] of html.matchAll(pattern)) {
        checked++;
        const problem = problemOf(page, link);
        if (problem) broken.push(`${page}: ${link} (${problem})`);
      }
    }
  }
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(pages.length * 20);
});

it('names the pages under the base in the sitemap and the social preview', () => {
  const sitemap = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(locs).toContain(`${SITE}${BASE}/en/tcp/closing/`);
  expect(locs.filter((loc) => problemOf(`${BASE}/`, loc) || !loc.startsWith(SITE))).toEqual([]);
  const home = readFileSync(join(out, 'index.html'), 'utf8');
  expect(home).toContain(`<meta property="og:image" content="${SITE}${BASE}/og.png"`);
  expect(home).toContain(`<link rel="canonical" href="${SITE}${BASE}/"`);
});

it('loads a lesson under the base from there alone; its language picker leads to its twin', async () => {
  const { page, context, problems, requests, status } = await visit(
    browser!,
    `${server}${BASE}/tcp/closing/`,
  );
  expect(status).toBe(200);
  expect(problems).toEqual([]);
  expect(
    requests.filter((u) => !u.startsWith(`${server}${BASE}/`) && !u.startsWith('data:')),
  ).toEqual([]);
  await Promise.all([
    page.waitForURL(`${server}${BASE}/en/tcp/closing/`),
    page.locator('starlight-lang-select select').first().selectOption({ label: 'English' }),
  ]);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await context.close();
});

it('searches under the base and leads to the page it finds', async () => {
  const { page, context, problems } = await visit(browser!, `${server}${BASE}/en/`);
  await page.locator('site-search button[data-open-modal]').first().click();
  await page.locator('#starlight__search input').fill('handshake');
  const result = page.locator('.pagefind-ui__result-link').first();
  await result.waitFor({ timeout: 10_000 });
  const hrefs = await page.$$eval('.pagefind-ui__result-link', (as) =>
    as.map((a) => a.getAttribute('href') ?? ''),
  );
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((h) => !h.startsWith(`${BASE}/en/`))).toEqual([]);
  const target = new URL(hrefs[0], server);
  target.hash = '';
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === target.href),
    result.click(),
  ]);
  expect(response.status()).toBe(200);
  expect(problems).toEqual([]);
  await context.close();
});
