// The self-check questions (<Quiz>) in chromium: answered with the keyboard alone, right and
// wrong, in both languages; the verdict in a live region; axe-clean after answering, light and
// dark; no sideways scroll on a phone; and, with JavaScript off, every answer one click away.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connect, visit } from './browser.ts';
import { repositoryRoot } from '../../src/lib/processes.ts';
import type { Question } from '../../src/lib/quiz.ts';
import questions from '../../src/content/quizzes/udp/echo.ts';

const base = inject('baseUrl');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const words = (lang: string) =>
  JSON.parse(readFileSync(join(repositoryRoot, `src/content/i18n/${lang}.json`), 'utf8')) as Record<
    string,
    string
  >;
const pages = [
  { path: '/udp/echo/', lang: 'pt-BR', t: words('pt-BR') },
  { path: '/en/udp/echo/', lang: 'en', t: words('en') },
];
// The lesson's questions, by kind: the test answers them as the data file says is right.
const number = questions.findIndex((q) => q.kind === 'number');
const choice = questions.findIndex((q) => q.kind === 'choice');
const right = questions[choice] as Question & { kind: 'choice' };
const wrong = (right.answer + 1) % right.options.length;

let browser: Browser;
beforeAll(async () => {
  browser = await connect(inject('browserEndpoint'));
});
afterAll(() => browser?.close());

async function axeViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    (window as any).axe.run('.quiz', { resultTypes: ['violations'] }),
  );
  return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
    (v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** The page, once its questions have their Check buttons (the script arrives after the load). */
async function open(path: string, options?: { javaScript?: boolean }) {
  const visited = await visit(browser, base + path, options);
  if (options?.javaScript !== false)
    await visited.page.locator('.quiz-check').first().waitFor({ state: 'visible' });
  return visited;
}

/** Focus a question's first option and move with the keyboard to option `to`, then to Check. */
async function chooseWithKeys(page: Page, question: number, to: number) {
  const item = page.locator('.quiz-question').nth(question);
  await item.locator('input[type="radio"]').first().focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < to; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  return item;
}

describe.each(pages)('the questions on $path', ({ path, lang, t }) => {
  it('are a section in the table of contents, before the exercise', async () => {
    const { page, context, problems } = await open(path);
    const id = await page.locator('.quiz h2').getAttribute('id');
    const toc = await page.$$eval('starlight-toc a', (as) => as.map((a) => a.getAttribute('href')));
    expect(toc).toContain(`#${id}`);
    expect(toc.indexOf(`#${id}`)).toBe(toc.findIndex((h) => /^#exerc/.test(h ?? '')) - 1);
    expect(await page.locator('.quiz h2').innerText()).toBe(t['quiz.heading']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('take a right and a wrong choice from the keyboard, say so in a live region, and show why', async () => {
    const { page, context } = await open(path);
    // Right: Check is reached with Tab, shows a visible focus ring, and Enter checks.
    let item = await chooseWithKeys(page, choice, right.answer);
    const button = item.locator('button');
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await button.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    const verdict = item.locator('.quiz-verdict');
    expect(await verdict.getAttribute('role')).toBe('status');
    expect(await verdict.innerText()).toBe(t['quiz.right']);
    expect(await item.locator('label').nth(right.answer).getAttribute('data-mark')).toBe('right');
    expect(await item.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(
      true,
    );
    const lang2 = lang === 'en' ? 'en' : 'pt';
    expect(await item.locator('details').innerText()).toContain(
      right.explanation[lang2].replace(/`/g, ''),
    );

    // Wrong: the choice is marked wrong, the right one right, and the verdict names it.
    item = await chooseWithKeys(page, choice, wrong);
    await page.keyboard.press('Space');
    expect(await verdict.innerText()).toBe(
      `${t['quiz.wrong']} ${t['quiz.rightIs']} ${'abcde'[right.answer]}).`,
    );
    expect(await item.locator('label').nth(wrong).getAttribute('data-mark')).toBe('wrong');
    expect(await item.locator('label').nth(right.answer).getAttribute('data-mark')).toBe('right');

    // A new choice clears the old marks; Check with no choice asks for one.
    await item.locator('input[type="radio"]').nth(right.answer).focus();
    await page.keyboard.press('Space');
    expect(await item.locator('[data-mark]').count()).toBe(0);
    await page.reload();
    await page.locator('.quiz-check').first().waitFor({ state: 'visible' });
    item = page.locator('.quiz-question').nth(choice);
    await item.locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await item.locator('.quiz-verdict').innerText()).toBe(t['quiz.choose']);
    await context.close();
  });

  it('take a typed number, Enter to check', async () => {
    const { page, context } = await open(path);
    const item = page.locator('.quiz-question').nth(number);
    const input = item.locator('input[type="text"]');
    await input.focus();
    await page.keyboard.type(String(questions[number].answer + 1));
    await page.keyboard.press('Enter');
    expect(await item.locator('.quiz-verdict').innerText()).toMatch(
      new RegExp(`^${t['quiz.wrong']} ${t['quiz.rightIs']} `),
    );
    await input.fill('');
    await page.keyboard.type(String(questions[number].answer));
    await page.keyboard.press('Enter');
    expect(await item.locator('.quiz-verdict').innerText()).toBe(t['quiz.right']);
    await context.close();
  });

  it('stay axe-clean and within a phone screen once answered, light and dark', async () => {
    const { page, context } = await open(path);
    await chooseWithKeys(page, choice, wrong);
    await page.keyboard.press('Enter');
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((theme) => (document.documentElement.dataset.theme = theme), theme);
      expect(await axeViolations(page), theme).toEqual([]);
      await page.setViewportSize({ width: 375, height: 800 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, theme).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await context.close();
  });

  it('without JavaScript: no Check button, and each answer opens from the keyboard', async () => {
    const { page, context } = await open(path, { javaScript: false });
    const items = page.locator('.quiz-question');
    expect(await items.count()).toBe(questions.length);
    for (let i = 0; i < questions.length; i++) {
      const item = items.nth(i);
      expect(await item.locator('button').isVisible()).toBe(false);
      await item.locator('summary').focus();
      await page.keyboard.press('Enter');
      expect(await item.locator('details p').first().isVisible(), `question ${i + 1}`).toBe(true);
    }
    expect(await page.locator('.quiz details').first().innerText()).toContain(t['quiz.answer']);
    await context.close();
  });
});
