// The pages of the built site, found in dist/ (never a hand-kept list), and the course order,
// from astro.config.mjs (where the sidebar reads it too).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { course } from '../../astro.config.mjs';
import type { Lang } from '../../src/lib/exercise.ts';
import { repositoryRoot } from '../../src/lib/processes.ts';

export const dist = join(repositoryRoot, 'dist');

export interface BuiltPage {
  path: string; // URL path, e.g. /en/udp/echo/
  html: string;
}

/**
 * The URL path of every page in dist/ (/, /en/udp/echo/…), in order. Not the print editions
 * (/print/, /en/print/: every lesson on one page, for the PDFs), which pdf.test.ts checks.
 */
export function builtPaths(): string[] {
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(`${sep}index.html`) || f === 'index.html')
    .filter((f) => !f.startsWith('pagefind') && !/^(en[\\/])?print[\\/]/.test(f))
    .map((f) => `/${f.split(sep).slice(0, -1).join('/')}/`.replace(/^\/\/$/, '/'))
    .sort();
}

export function builtPages(): BuiltPage[] {
  return builtPaths().map((path) => ({
    path,
    html: readFileSync(join(dist, path, 'index.html'), 'utf8'),
  }));
}

/** The lessons in course order (the `course` of astro.config.mjs), as one language's URL paths. */
export const lessonsIn = (lang: Lang) =>
  course.flatMap((group) => group.items).map((slug) => `${lang === 'en' ? '/en' : ''}/${slug}/`);

export const langOfPath = (path: string): Lang => (path.startsWith('/en/') ? 'en' : 'pt');
