// No broken internal link or #anchor anywhere in the built site, both languages.
// (starlight-links-validator checks the lessons' Markdown links during the build;
// this also covers links that components write, such as "see the whole file".)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { builtPages, dist } from './pages.ts';

const ids = new Map<string, Set<string>>();
function idsOf(path: string): Set<string> | undefined {
  if (!ids.has(path)) {
    const file = join(dist, path, 'index.html');
    if (!existsSync(file)) return undefined;
    ids.set(
      path,
      new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])),
    );
  }
  return ids.get(path);
}

it('every internal link and anchor of every page resolves', () => {
  const broken: string[] = [];
  const pages = builtPages();
  expect(pages.length).toBeGreaterThan(3);
  for (const page of pages) {
    for (const [, href] of page.html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
      if (/^(https?:|mailto:|data:)/.test(href)) continue;
      const url = new URL(href.replace(/&amp;/g, '&'), `http://site${page.path}`);
      const target = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
      const anchors = idsOf(target);
      const asset = existsSync(join(dist, decodeURIComponent(url.pathname)));
      if (!anchors && !asset) broken.push(`${page.path}: ${href} (no such page)`);
      else if (url.hash && anchors && !anchors.has(decodeURIComponent(url.hash.slice(1)))) {
        broken.push(`${page.path}: ${href} (no such anchor)`);
      }
    }
  }
  expect(broken).toEqual([]);
});
