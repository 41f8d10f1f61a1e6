// The pages of the built site, found in dist/ (never a hand-kept list).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repositoryRoot } from '../../src/lib/processes.ts';

export const dist = join(repositoryRoot, 'dist');

export interface BuiltPage {
  path: string; // URL path, e.g. /en/udp/echo/
  html: string;
  lang: string;
}

// Not the print editions (/print/, /en/print/: every lesson on one page, for the PDFs), which
// pdf.test.ts checks.
export function builtPages(): BuiltPage[] {
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(`${sep}index.html`) || f === 'index.html')
    .filter((f) => !f.startsWith('pagefind') && !/^(en[\\/])?print[\\/]/.test(f))
    .map((f) => {
      const html = readFileSync(join(dist, f), 'utf8');
      const path = `/${relative(dist, join(dist, f)).split(sep).slice(0, -1).join('/')}/`.replace(
        /^\/\/$/,
        '/',
      );
      return { path, html, lang: /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1] ?? '' };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The lessons in course order, read from a built page's sidebar. */
export function courseOrder(page: BuiltPage): string[] {
  const sidebar = /<nav class="sidebar[\s\S]*?<\/nav>/.exec(page.html)?.[0] ?? '';
  return [...sidebar.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
}

export const isLesson = (p: BuiltPage) => !/^\/(en\/)?$/.test(p.path);
