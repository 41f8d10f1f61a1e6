// Reading a PDF back with poppler's command-line tools (Debian and Ubuntu: poppler-utils): what
// `npm run build:pdf` needs to number the contents, and what test/e2e/pdf.test.ts checks.
import { execFileSync } from 'node:child_process';

const run = (tool: string, args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

/** Is poppler there? (`pdfinfo -v` exits 0, or 99 on older versions: both are fine.) */
export function hasPoppler(): boolean {
  for (const tool of ['pdfinfo', 'pdftotext']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
    } catch (error) {
      if ((error as { status?: number }).status !== 99) return false;
    }
  }
  return true;
}

/**
 * The page of each named destination: name → page (1-based). Chrome writes one for each element
 * that a link of the page points to, named after its id (percent-encoded beyond ASCII).
 */
export function destinations(pdf: string): Map<string, number> {
  const pages = new Map<string, number>();
  for (const m of run('pdfinfo', ['-dests', pdf]).matchAll(/^\s*(\d+)\s+\[[^\]]*\]\s+"(.*)"$/gm)) {
    pages.set(decodeURIComponent(m[2]), Number(m[1]));
  }
  return pages;
}

/** How many pages a PDF has. */
export const pageCount = (pdf: string) =>
  Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))?.[1]);

/** The text of each page, in reading order: pages[0] is page 1. */
export const pageTexts = (pdf: string): string[] =>
  run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).split('\f').slice(0, -1);
