// The site under a base path (src/lib/base.ts, src/lib/base-links.ts): the helpers, and the
// Markdown step that makes a lesson's links follow the base. The built site under a base:
// test/e2e/base.test.ts.
import { describe, expect, it } from 'vitest';
import { markdownToHtml, mdxToJs } from 'satteri';
import { basePath, withBase, withoutBase } from '../src/lib/base.ts';
import { baseLinksPlugin, heroAction } from '../src/lib/base-links.ts';

describe('basePath', () => {
  it('reads a base path however it is written', () => {
    expect(basePath(undefined)).toBe('');
    expect(basePath('')).toBe('');
    expect(basePath('/')).toBe('');
    expect(basePath('/sockets-e-portas')).toBe('/sockets-e-portas');
    expect(basePath('/sockets-e-portas/')).toBe('/sockets-e-portas');
    expect(basePath('sockets-e-portas')).toBe('/sockets-e-portas');
  });
});

describe('withBase and withoutBase', () => {
  it('put a path written from the root under the base, and take it out', () => {
    expect(withBase('/tcp/closing/', '/repo')).toBe('/repo/tcp/closing/');
    expect(withBase('/', '/repo')).toBe('/repo/');
    expect(withBase('/tcp/closing/', '')).toBe('/tcp/closing/');
    expect(withoutBase('/repo/en/tcp/', '/repo')).toBe('/en/tcp/');
    expect(withoutBase('/repo', '/repo')).toBe('/');
    expect(withoutBase('/repository/', '/repo')).toBe('/repository/');
    expect(withoutBase('/en/tcp/', '')).toBe('/en/tcp/');
  });

  it('leave full addresses and relative links alone', () => {
    for (const link of ['https://example.org/x/', '//example.org/x/', '#anchor', '../x/', 'x/']) {
      expect(withBase(link, '/repo')).toBe(link);
    }
  });
});

describe('the Markdown step', () => {
  const plugin = baseLinksPlugin('/repo');

  it("puts a lesson's links from the root under the base, and only those", () => {
    const { html } = markdownToHtml(
      [
        'See [closing](/tcp/closing/#half-closed), [English](/en/), [a term][t],',
        '[a heading](#here), [elsewhere](https://example.org/) and [next door](../x/).',
        '',
        '[t]: /appendix/glossary/#kernel',
      ].join('\n'),
      { mdastPlugins: [plugin] },
    );
    expect(html).toContain('href="/repo/tcp/closing/#half-closed"');
    expect(html).toContain('href="/repo/en/"');
    expect(html).toContain('href="/repo/appendix/glossary/#kernel"');
    expect(html).toContain('href="#here"');
    expect(html).toContain('href="https://example.org/"');
    expect(html).toContain('href="../x/"');
  });

  it('does the same in MDX, beside components', () => {
    const { code } = mdxToJs('<Aside>x</Aside>\n\nRead [the glossary](/appendix/glossary/).', {
      mdastPlugins: [plugin],
    });
    expect(code).toContain('"/repo/appendix/glossary/"');
    expect(code).not.toContain('"/appendix/glossary/"');
  });

  it("puts the home page's hero buttons under the base", () => {
    expect(heroAction({ text: 'Start', link: '/basics/before-you-start/' }, '/repo')).toEqual({
      text: 'Start',
      link: '/repo/basics/before-you-start/',
    });
    expect(heroAction({ text: 'Code', link: 'https://example.org/' }, '/repo').link).toBe(
      'https://example.org/',
    );
  });
});
