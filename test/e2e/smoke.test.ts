// Both languages' landing page and the first lesson render in a real browser.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connect, visit } from './browser.ts';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await connect(inject('browserEndpoint'));
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

  it.for([
    ['/tcp/packets/', '1. Do cliente para o servidor: SYN'],
    ['/en/tcp/packets/', '1. From the client to the server: SYN'],
  ])('lesson %s draws its capture: one arrow per packet, said in words', async ([path, first]) => {
    const { page, problems, context } = await visit(browser, base + path);
    const svg = page.locator('figure.packets svg').first();
    expect(await svg.getAttribute('aria-label')).toContain(first);
    const arrows = await svg.locator('path.d-arrow').count();
    expect(arrows).toBeGreaterThan(2);
    expect(await svg.locator('text.d-mono').count()).toBe(arrows + 2); // + the two addresses
    // The client's port varies from run to run: highlighted, as on the transcripts.
    expect(await svg.locator('tspan.d-accent').first().innerHTML()).toMatch(/^\d+$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
