// Every page of the built site, both languages, in Debian's chromium, several pages at a time.
// - Every lesson and landing page, and a sample of the code pages (they share one template):
//   loads cleanly and only from 127.0.0.1; the right lang and hreflang; a language picker that
//   leads to its twin; no sideways scroll on a desktop nor on a phone (375 px), in either theme;
//   code blocks labelled in its language; the weight budgets; 0 axe violations on a phone, light
//   and dark; readable with JavaScript off. A lesson's sidebar and prev/next follow the course.
// - Every other code page: its HTML shows the whole file, the command that runs it and its
//   lessons, with the right lang, hreflang and picker, within the page budget.
// - On a desktop, axe on a few pages of each kind, light and dark.
// - The phone menu, search, the copy buttons and the 404 page.
// Each test opens one page and runs at most one axe pass. One page's checks:
//   npm run test:e2e -- -t /udp/echo/
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { CLI_REGION } from '../../src/lib/lessons.ts';
import { repositoryRoot as root } from '../../src/lib/processes.ts';
import { regionLines, stripMarkers } from '../../src/lib/regions.ts';
import {
  axeViolations,
  connect,
  kb,
  visit,
  type Theme,
  type VisitOptions,
  type Weight,
} from './browser.ts';
import { builtPaths, langOfPath, lessonsIn } from './pages.ts';

/**
 * Two budgets, gzip, for what a page loads before its load event.
 *
 * The site's own weight (CSS, JS: Starlight's chrome, expressive-code, our few scripts) is
 * the same on every page and cached after the first one: it catches a heavy component or
 * script added to the site. About 24 KB today.
 *
 * A page's own weight is its HTML: the text, the code and the transcripts it shows, plus
 * about 8 KB of Starlight's header, sidebar and icons. It catches a page that grows, e.g.
 * by pasting whole files or long transcripts into a lesson. The longest lessons, with their
 * self-check questions, the "verified with" stamp and a dozen sessions (around/names,
 * around/timeouts), weigh 34 to 38 KB: a lesson that needs more should be split.
 */
const SITE_BUDGET_BYTES = 26 * 1024;
const PAGE_BUDGET_BYTES = 40 * 1024;

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await connect(inject('browserEndpoint'));
});
afterAll(() => browser?.close());

// Tests run side by side: each closes what it opened through its own context's hook, when it
// ends, passed or failed.
type Test = Pick<TestContext, 'onTestFinished'>;

/** Open a page for `test` (visit() in browser.ts). */
async function open(test: Test, path: string, options?: VisitOptions) {
  const opened = await visit(browser, base + path, options);
  test.onTestFinished(() => opened.context.close());
  return opened;
}

/** A tab in a fresh context for `test`. */
async function newTab(test: Test, options?: Parameters<Browser['newContext']>[0]) {
  const context = await browser.newContext(options);
  test.onTestFinished(() => context.close());
  return context.newPage();
}

// Every page but the not-found one (dist/404.html, checked below, and its English copy that
// Starlight's 404 route also writes, /en/404/).
const paths = builtPaths().filter((path) => path !== '/en/404/');
const built = new Set(paths);
const lessons = { pt: lessonsIn('pt'), en: lessonsIn('en') };
const landings = ['/', '/en/'];
const isLesson = (path: string) => lessons[langOfPath(path)].includes(path);
const codeFileOf = (path: string) => /^\/(?:en\/)?code\/(.+)\/$/.exec(path)?.[1];
const twinOf = (path: string) => (path.startsWith('/en/') ? path.slice(3) : `/en${path}`);
const htmlLang = { pt: 'pt-BR', en: 'en' };
const copyLabel = { pt: 'Copiar para área de transferência', en: 'Copy to clipboard' };

// The programs that get a page of their own: every file under examples/ but the session
// definitions and the exercises' checks (src/lib/code-pages.ts).
const programs = readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ts|py)$/.test(f) && !f.startsWith('sessions/') && !f.endsWith('/check.ts'))
  .sort();
const source = (file: string) => readFileSync(join(root, 'examples', file), 'utf8');
// The code pages' sample: an example of median length in both languages, a Python file and an
// exercise's solution.
const bySize = programs
  .filter((f) => !f.startsWith('exercises/'))
  .sort((a, b) => source(a).length - source(b).length);
const median = bySize[Math.floor(bySize.length / 2)];
const sample = [
  `/code/${median}/`,
  `/en/code/${median}/`,
  `/en/code/${programs.find((f) => f.endsWith('.py'))}/`,
  `/code/${programs.find((f) => f.startsWith('exercises/') && f.endsWith('/solution.ts'))}/`,
];

it('builds every page it checks: the landing pages, the course in both languages, a page per program', () => {
  const expected = [
    ...landings,
    ...lessons.pt,
    ...lessons.en,
    ...programs.flatMap((file) => [`/code/${file}/`, `/en/code/${file}/`]),
  ];
  expect(
    paths.filter((p) => !expected.includes(p)),
    'pages no check knows',
  ).toEqual([]);
  expect(
    expected.filter((p) => !built.has(p)),
    'pages missing from dist/',
  ).toEqual([]);
});

/** What a page shows, read in one go (each query to the browser is a round trip). */
const factsOf = (tab: Page) =>
  tab.evaluate(() => {
    // The site's own links (the sidebar also links the course's repository).
    const paths = (selector: string) =>
      [...document.querySelectorAll<HTMLAnchorElement>(selector)]
        .filter((a) => a.origin === location.origin)
        .map((a) => a.pathname);
    const texts = (selector: string) =>
      [...document.querySelectorAll<HTMLElement>(selector)].map((e) => e.innerText);
    const block = document.querySelector('.expressive-code');
    return {
      lang: document.documentElement.lang,
      alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [
        l.getAttribute('hreflang'),
        new URL(l.getAttribute('href')!).pathname,
      ]),
      picker: [...document.querySelectorAll('starlight-lang-select select option')].map(
        (o) => (o as HTMLOptionElement).value,
      ),
      copyTitles: [...document.querySelectorAll('button[data-code]')].map((b) =>
        b.getAttribute('title'),
      ),
      sidebar: paths('#starlight__sidebar a[href]'),
      prev: paths('a[rel="prev"]'),
      next: paths('a[rel="next"]'),
      // A code page's parts.
      h1: texts('h1'),
      commands: texts('.sl-markdown-content > p code'),
      blocks: document.querySelectorAll('.expressive-code').length,
      title: block?.querySelector('figcaption')?.textContent,
      lines: block?.querySelectorAll('.ec-line').length,
      summaries: block?.querySelectorAll('summary').length,
      folds: block?.querySelectorAll('details').length,
      usedIn: paths('.sl-markdown-content > ul a'),
    };
  });

/** What every page must say, whether its scripts ran or not: the checks of one page's HTML. */
function expectPage(path: string, facts: Awaited<ReturnType<typeof factsOf>>) {
  const lang = langOfPath(path);
  const file = codeFileOf(path);
  expect(facts.lang).toBe(htmlLang[lang]);
  const pt = lang === 'en' ? twinOf(path) : path;
  expect(facts.alternates).toEqual(
    expect.arrayContaining([
      ['pt-BR', pt],
      ['en', `/en${pt}`],
    ]),
  );
  // The language picker leads to the same page in the other language, which exists.
  expect(facts.picker).toContain(twinOf(path));
  expect(built.has(twinOf(path))).toBe(true);
  // Code blocks' copy buttons speak the page's language (Starlight 0.42 ships no English
  // strings for them: src/content/i18n/en.json gives them).
  expect(new Set(facts.copyTitles), 'copy buttons').toEqual(
    new Set(facts.copyTitles.length ? [copyLabel[lang]] : []),
  );

  if (isLesson(path)) {
    // The sidebar and the prev/next links follow the course order of astro.config.mjs.
    const order = lessons[lang];
    const i = order.indexOf(path);
    expect(facts.sidebar).toEqual(order);
    expect(facts.prev).toEqual(i > 0 ? [order[i - 1]] : []);
    expect(facts.next).toEqual(i < order.length - 1 ? [order[i + 1]] : []);
  }

  if (file) {
    const text = source(file);
    const title = `examples/${file}`;
    expect(facts.h1).toEqual([title]);
    expect(facts.commands).toEqual([`${file.endsWith('.py') ? 'python3' : 'npx tsx'} ${title}`]);
    // The whole file, markers left out, in one code block (a folded part's summary is a line
    // of its own); the command-line tail folded.
    expect(facts.blocks).toBe(1);
    expect(facts.title).toBe(title);
    expect(facts.lines! - facts.summaries!).toBe(stripMarkers(text).split('\n').length);
    expect(facts.folds).toBe(regionLines(text, title, CLI_REGION) ? 1 : 0);
    // Its lessons, if any, are lessons of this page's language.
    expect(facts.usedIn.filter((l) => !lessons[lang].includes(l))).toEqual([]);
  }
}

const budgets = (w: Weight) => {
  const weights = `html ${kb(w.html)} css ${kb(w.css)} js ${kb(w.js)} other ${kb(w.other)}`;
  expect(w.html, `the page itself (HTML): ${weights}`).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  expect(w.total - w.html, `the site's CSS and JS: ${weights}`).toBeLessThanOrEqual(
    SITE_BUDGET_BYTES,
  );
};

describe.concurrent.each(paths)('%s', (path) => {
  const file = codeFileOf(path);

  // The code pages share one template: a sample of them gets the browser's checks; the others,
  // what their HTML says (fetched alone, no script nor style: a fraction of a page load).
  if (file && !sample.includes(path)) {
    it('shows the whole file, the command that runs it and its lessons; lang, hreflang, language picker; its HTML within the budget', async (test) => {
      const { page: tab, status, weight } = await open(test, path, { htmlOnly: true });
      expect(status).toBe(200);
      expectPage(path, await factsOf(tab));
      expect((await weight()).html).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    });
    return;
  }

  it(`loads cleanly from 127.0.0.1 only; lang, hreflang, language picker; no sideways scroll, light and dark, desktop and phone; within the weight budgets${file ? '; the whole file, the command that runs it, its lessons' : ''}`, async (test) => {
    const { page: tab, problems, requests, status, weight } = await open(test, path);
    expect(status).toBe(200);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'))).toEqual([]);
    expectPage(path, await factsOf(tab));
    budgets(await weight());
    for (const theme of ['light', 'dark'] as const) {
      // What Starlight's theme picker does: set the theme on <html>.
      await tab.evaluate((t) => {
        localStorage.setItem('starlight-theme', t);
        document.documentElement.dataset.theme = t;
      }, theme);
      for (const width of [1280, 375]) {
        await tab.setViewportSize({ width, height: 800 });
        const overflow = await tab.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `page wider than a ${width} px screen, ${theme}`).toBeLessThanOrEqual(0);
      }
    }
  });

  // A lesson's own content (<main>) on every lesson; the header and the sidebar around it are
  // one template, checked whole on the landing pages, the code pages' sample and, on a desktop,
  // a few pages of each kind. (The whole of the longest lessons takes axe most of a test's
  // budget on a busy machine.)
  const scope = isLesson(path) ? 'main' : 'html';
  it.for(['light', 'dark'] as Theme[])(
    `has 0 axe violations on a phone (375 px)${scope === 'main' ? ' in its content' : ''}, %s`,
    async (theme, test) => {
      const { page: tab } = await open(test, path, { theme, width: 375 });
      expect(await tab.getAttribute('html', 'data-theme')).toBe(theme);
      expect(await axeViolations(tab, scope)).toEqual([]);
    },
  );

  it('is readable with JavaScript off: text, code and transcripts visible', async (test) => {
    const { page: tab } = await open(test, path, { javaScript: false });
    const { text, hidden } = await tab.evaluate(() => ({
      text: document.querySelector('main')!.innerText.length,
      // Every code block and transcript, but those folded on purpose (in a closed <details>).
      hidden: [...document.querySelectorAll('.expressive-code pre, .terminal pre')]
        .filter((e) => !e.closest('details') && !e.checkVisibility())
        .map((e) => e.closest('figure')?.querySelector('figcaption')?.textContent ?? e.tagName),
    }));
    expect(text).toBeGreaterThan(200);
    expect(hidden).toEqual([]);
  });
});

describe.concurrent('on a desktop (1280 px)', () => {
  // A landing page, a lesson with code, transcripts and an exercise, one with a packet diagram,
  // and a code page.
  const pages = ['/', '/udp/echo/', '/en/tcp/packets/', sample[1]];
  it.for(
    pages.flatMap((path) => (['light', 'dark'] as const).map((theme) => [path, theme] as const)),
  )('%s has 0 axe violations, %s', async ([path, theme], test) => {
    expect(built.has(path), `${path} is built`).toBe(true);
    const { page: tab } = await open(test, path, { theme });
    expect(await axeViolations(tab)).toEqual([]);
  });
});

describe.concurrent('on a phone (375 px)', () => {
  it.for([
    ['/', lessons.pt],
    ['/en/', lessons.en],
  ] as const)(
    'the menu button on %s opens the whole course, and a lesson in it opens',
    async ([path, order], test) => {
      const tab = await newTab(test, { viewport: { width: 375, height: 800 } });
      await tab.goto(`${base}${path}basics/sockets-and-ports/`);
      const sidebar = tab.locator('#starlight__sidebar');
      expect(await sidebar.isVisible()).toBe(false);
      await tab.locator('button.sl-menu-button').click();
      await sidebar.waitFor({ state: 'visible' });
      const links = await sidebar
        .locator('a[href]')
        .evaluateAll((as) =>
          (as as HTMLAnchorElement[])
            .filter((a) => a.origin === location.origin)
            .map((a) => a.pathname),
        );
      expect(links).toEqual(order);
      await sidebar.locator(`a[href="${order[2]}"]`).click();
      await tab.waitForURL(base + order[2]);
      expect(
        await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
    },
  );

  it.for([
    ['/', 'porta'],
    ['/en/', 'port'],
  ])('search on %s opens full-screen and finds "%s"', async ([path, word], test) => {
    const tab = await newTab(test, { viewport: { width: 375, height: 800 } });
    await tab.goto(base + path);
    await tab.locator('site-search button[data-open-modal]').first().click();
    await tab.locator('#starlight__search input').fill(word);
    await tab.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
    const box = await tab.locator('site-search dialog').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(370); // the dialog takes the whole width
  });
});

describe.concurrent('search', () => {
  async function search(test: Test, path: string, word: string) {
    const tab = await newTab(test);
    await tab.goto(base + path);
    await tab.locator('site-search button[data-open-modal]').first().click();
    await tab.locator('#starlight__search input').fill(word);
    await tab.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
    const links = await tab.$$eval('.pagefind-ui__result-link', (as) =>
      as.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
    );
    return links;
  }

  it('finds Portuguese pages for "datagrama", and only those', async (test) => {
    const links = await search(test, '/', 'datagrama');
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => l.startsWith('/en/'))).toEqual([]);
  });

  it('finds English pages for "datagram", and only those', async (test) => {
    const links = await search(test, '/en/', 'datagram');
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !l.startsWith('/en/'))).toEqual([]);
  });
});

// One at a time: the browser has one clipboard.
describe('copy buttons', () => {
  it.for(['/udp/echo/', '/en/udp/echo/'])(
    'copy the command alone on %s: no prompt, no output',
    async (path, test) => {
      const tab = await newTab(test, {
        permissions: ['clipboard-read', 'clipboard-write'],
      });
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
    },
  );
});

describe('the 404 page', () => {
  it('answers 404 in both languages, with no axe violations', async (test) => {
    const { page: tab, status, problems } = await open(test, '/no/such/page/');
    expect(status).toBe(404);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    const text = await tab.locator('main').innerText();
    expect(text).toContain('Esta página não existe');
    expect(text).toContain('This page does not exist');
    expect(await axeViolations(tab)).toEqual([]);
  });
});
