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

/**
 * The text of each page, in the order it was drawn (Chrome draws in the page's order: two
 * terminals side by side come one after the other): pages[0] is page 1. `-raw` also keeps a
 * hyphen where a line of code wraps after one (`--host, --` / `port`), which the default mode
 * takes for a word cut in two and drops.
 */
export const pageTexts = (pdf: string): string[] =>
  run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']).split('\f').slice(0, -1);

/** Each page's width and its rightmost word (points: 1/72 inch), from `pdftotext -bbox`. */
export function rightmostWords(pdf: string): { width: number; xMax: number; word: string }[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-']);
  return [...html.matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)].map(
    ([, w, body]) => {
      let rightmost = { width: Number(w), xMax: 0, word: '' };
      for (const [, xMax, word] of body.matchAll(
        /<word [^>]*xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
      )) {
        if (Number(xMax) > rightmost.xMax) rightmost = { ...rightmost, xMax: Number(xMax), word };
      }
      return rightmost;
    },
  );
}

/** How many raster pictures a PDF holds (`pdfimages -list`): text, code and diagrams are vectors. */
export const imageCount = (pdf: string) =>
  run('pdfimages', ['-list', pdf]).split('\n').slice(2).filter(Boolean).length;
