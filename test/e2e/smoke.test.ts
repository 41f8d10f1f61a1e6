// Both languages' landing page and the first lesson render in a real browser.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, visit } from './browser.ts';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the site in chromium', () => {
  it.each([
    ['/', 'pt-BR', 'Sockets e Portas'],
    ['/en/', 'en', 'Sockets and Ports'],
  ])('landing page %s renders in %s', async (path, lang, title) => {
    const { page, problems, status, context } = await visit(browser, base + path);
    expect(status).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.title()).toContain(title);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ['/udp/echo/', 'pt-BR', 'servidor'],
    ['/en/udp/echo/', 'en', 'server'],
  ])(
    'lesson %s shows code from examples/ and a terminal session',
    async (path, lang, serverLabel) => {
      const { page, problems, status, requests, context } = await visit(browser, base + path);
      expect(status).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const code = page.locator('.expressive-code').first();
      await expect.poll(() => code.isVisible()).toBe(true);
      expect(await code.innerText()).toContain('examples/udp-server.ts');
      const terminal = page.locator('.terminal').first();
      expect(await terminal.isVisible()).toBe(true);
      expect(await terminal.locator('figcaption').innerText()).toContain(serverLabel);
      expect(await terminal.innerText()).toContain('$ npx tsx examples/udp-server.ts');
      expect(await page.locator('button.copy-command').first().isVisible()).toBe(true);
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
      await context.close();
    },
  );
});
