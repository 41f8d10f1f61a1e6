// Every page of the built site, both languages, in Debian's chromium:
// loads cleanly and only from 127.0.0.1, right lang/hreflang, language picker and
// prev/next, no sideways scroll on a phone, 0 axe violations in light and dark,
// readable without JavaScript.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, visit } from './browser.ts';
import { course } from '../../astro.config.mjs';
import { builtPages, courseOrder } from './pages.ts';

const base = inject('baseUrl');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const all = builtPages();
// One not-found page serves both languages (dist/404.html; /en/404/ is Starlight's copy of it).
const pages = all.filter((p) => !/^\/(en\/)?404\/$/.test(p.path));
const byPath = new Map(pages.map((p) => [p.path, p]));
const twinOf = (path: string) => (path.startsWith('/en/') ? path.slice(3) : `/en${path}`);
const order = {
  pt: courseOrder(byPath.get('/udp/echo/')!),
  en: courseOrder(byPath.get('/en/udp/echo/')!),
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function axeViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    (window as any).axe.run(document, { resultTypes: ['violations'] }),
  );
  return (result.violations as { id: string; help: string; nodes: { target: string[] }[] }[]).map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

it('finds the pages in the build: landing pages and lessons in both languages', () => {
  expect(byPath.has('/')).toBe(true);
  expect(byPath.has('/en/')).toBe(true);
  // The sidebar lists the course order of astro.config.mjs, in both languages.
  const lessons = course.flatMap((group) => group.items).map((slug) => `/${slug}/`);
  expect(order.pt).toEqual(lessons);
  expect(order.en).toEqual(lessons.map((p) => `/en${p}`));
});

describe.concurrent.each(pages.map((p) => p.path))('%s', (path) => {
  const lang = path.startsWith('/en/') ? 'en' : 'pt-BR';

  it('loads cleanly from 127.0.0.1 only; lang, hreflang, language picker; 0 axe violations and no sideways scroll, light and dark, desktop and phone', async ({
    expect,
  }) => {
    const { page: tab, problems, requests, status, context } = await visit(browser, base + path);
    expect(status).toBe(200);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'))).toEqual([]);
    expect(await tab.getAttribute('html', 'lang')).toBe(lang);
    const alternates = await tab.$$eval('link[rel="alternate"][hreflang]', (ls) =>
      ls.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href')!).pathname]),
    );
    const pt = path.startsWith('/en/') ? twinOf(path) : path;
    expect(alternates).toEqual(
      expect.arrayContaining([
        ['pt-BR', pt],
        ['en', `/en${pt}`],
      ]),
    );
    // The language picker leads to the same page in the other language, which exists.
    const options = await tab.$$eval('starlight-lang-select select option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(options).toContain(twinOf(path));
    expect(byPath.has(twinOf(path))).toBe(true);

    for (const theme of ['light', 'dark'] as const) {
      // What Starlight's theme picker does: set the theme on <html>.
      await tab.evaluate((t) => {
        localStorage.setItem('starlight-theme', t);
        document.documentElement.dataset.theme = t;
      }, theme);
      expect(await axeViolations(tab), `axe, ${theme}`).toEqual([]);
      for (const width of [1280, 375]) {
        await tab.setViewportSize({ width, height: 800 });
        const overflow = await tab.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `page wider than a ${width} px screen, ${theme}`).toBeLessThanOrEqual(0);
      }
      await tab.setViewportSize({ width: 1280, height: 800 });
    }
    await context.close();
  });

  it('is readable with JavaScript off: text, code and transcripts visible', async ({ expect }) => {
    const { page: tab, context } = await visit(browser, base + path, { javaScript: false });
    const main = tab.locator('main');
    expect((await main.innerText()).length).toBeGreaterThan(200);
    for (const selector of ['.expressive-code pre', '.terminal pre']) {
      const count = await tab.locator(selector).count();
      for (let i = 0; i < count; i++) {
        const el = tab.locator(selector).nth(i);
        if (await el.evaluate((e) => !!e.closest('details'))) continue; // collapsed on purpose
        expect(await el.isVisible(), `${selector} #${i}`).toBe(true);
      }
    }
    await context.close();
  });
});

describe.each([...order.pt, ...order.en])('lesson %s', (path) => {
  const page = byPath.get(path)!;
  it('has prev/next links in course order', () => {
    const list = path.startsWith('/en/') ? order.en : order.pt;
    const i = list.indexOf(path);
    expect(i).toBeGreaterThanOrEqual(0);
    const prev = /<a href="([^"]+)" rel="prev"/.exec(page.html)?.[1];
    const next = /<a href="([^"]+)" rel="next"/.exec(page.html)?.[1];
    expect(prev).toBe(list[i - 1]);
    expect(next).toBe(list[i + 1]);
  });
});

describe('on a phone (375 px)', () => {
  it.each([
    ['/', order.pt],
    ['/en/', order.en],
  ])(
    'the menu button on %s opens the whole course, and a lesson in it opens',
    async (path, lessons) => {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
      const tab = await context.newPage();
      await tab.goto(`${base}${path}basics/sockets-and-ports/`);
      const sidebar = tab.locator('#starlight__sidebar');
      expect(await sidebar.isVisible()).toBe(false);
      await tab.locator('button.sl-menu-button').click();
      await sidebar.waitFor({ state: 'visible' });
      const links = await sidebar
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(links).toEqual(lessons);
      await sidebar.locator(`a[href="${lessons[2]}"]`).click();
      await tab.waitForURL(base + lessons[2]);
      expect(
        await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await context.close();
    },
  );

  it.each([
    ['/', 'porta'],
    ['/en/', 'port'],
  ])('search on %s opens full-screen and finds "%s"', async (path, word) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const tab = await context.newPage();
    await tab.goto(base + path);
    await tab.locator('site-search button[data-open-modal]').first().click();
    const input = tab.locator('#starlight__search input');
    await input.fill(word);
    await tab.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
    const box = await tab.locator('site-search dialog').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(370); // the dialog takes the whole width
    await context.close();
  });
});

describe('search', () => {
  async function search(path: string, word: string) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(base + path);
    await tab.locator('site-search button[data-open-modal]').first().click();
    await tab.locator('#starlight__search input').fill(word);
    await tab.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
    const links = await tab.$$eval('.pagefind-ui__result-link', (as) =>
      as.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
    );
    await context.close();
    return links;
  }

  it('finds Portuguese pages for "datagrama", and only those', async () => {
    const links = await search('/', 'datagrama');
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => l.startsWith('/en/'))).toEqual([]);
  });

  it('finds English pages for "datagram", and only those', async () => {
    const links = await search('/en/', 'datagram');
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !l.startsWith('/en/'))).toEqual([]);
  });
});

describe('copy buttons', () => {
  // Starlight 0.42 ships no English strings for code blocks, so English pages fell back to the
  // Portuguese ones (src/content/i18n/en.json now gives them): every page speaks its own language.
  it('label code blocks in the language of their page', () => {
    for (const page of all.filter((p) => /<button[^>]*data-code=/.test(p.html))) {
      const titles = [...page.html.matchAll(/<button\b[^>]*\bdata-code=[^>]*>/g)].map(
        (m) => /\btitle="([^"]+)"/.exec(m[0])?.[1],
      );
      const expected =
        page.lang === 'en' ? 'Copy to clipboard' : 'Copiar para área de transferência';
      expect(new Set(titles), page.path).toEqual(new Set([expected]));
    }
  });

  it.each(['/udp/echo/', '/en/udp/echo/'])(
    'copy the command alone on %s: no prompt, no output',
    async (path) => {
      const context = await browser.newContext({
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      const tab = await context.newPage();
      await tab.goto(base + path);
      const buttons = tab.locator('button.copy-command');
      expect(await buttons.count()).toBeGreaterThan(0);
      for (let i = 0; i < Math.min(await buttons.count(), 3); i++) {
        const button = buttons.nth(i);
        await button.scrollIntoViewIfNeeded();
        if (!(await button.isVisible())) continue; // inside a closed <details>
        await button.click();
        const copied = await tab.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe(await button.getAttribute('data-command'));
        expect(copied).not.toMatch(/^\$|\n/);
        expect(copied).toMatch(/^(npx|npm|nc|lsof|ss|curl|python3|printf) /);
      }
      await context.close();
    },
  );
});

describe('the 404 page', () => {
  it('answers 404 in both languages, with no axe violations', async () => {
    const { page: tab, status, context, problems } = await visit(browser, `${base}/no/such/page/`);
    expect(status).toBe(404);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    const text = await tab.locator('main').innerText();
    expect(text).toContain('Esta página não existe');
    expect(text).toContain('This page does not exist');
    expect(await axeViolations(tab)).toEqual([]);
    await context.close();
  });
});
