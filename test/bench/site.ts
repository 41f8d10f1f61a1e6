// npm run bench:site — builds the site, serves it, and runs Lighthouse (mobile settings)
// and a weight measurement over every lesson in both languages.
// Prints one table row per page and the worst value of each column.
// Lighthouse is not a dependency of the course (it is large, and one of its own dependencies
// floats on "latest", which would break `npm ci`): npx fetches the pinned version on demand.
import { spawnSync } from 'node:child_process';
import { freePort, repositoryRoot as root } from '../../src/lib/processes.ts';
import { kb, launch, pageWeight } from '../e2e/browser.ts';
import { lessonsIn } from '../e2e/pages.ts';
import { servePreview } from '../../src/lib/chromium.ts';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const site = await servePreview();
const base = site.url;
const lessons = [...lessonsIn('pt'), ...lessonsIn('en')];
const LIGHTHOUSE = 'lighthouse@13.5.0';
// One chromium for both: Lighthouse drives it through its debugging port, the weights through
// playwright.
const debugPort = await freePort();
const browser = await launch([
  `--remote-debugging-port=${debugPort}`,
  '--remote-debugging-address=127.0.0.1',
]);

interface Row {
  path: string;
  perf: number;
  a11y: number;
  bp: number;
  seo: number;
  fcp: number;
  lcp: number;
  tbt: number;
  html: number;
  css: number;
  js: number;
  total: number;
}
const rows: Row[] = [];
try {
  for (const path of lessons) {
    const run = spawnSync(
      'npx',
      [
        '--yes',
        LIGHTHOUSE,
        `${base}${path}`,
        `--port=${debugPort}`,
        '--output=json',
        '--quiet',
        '--only-categories=performance,accessibility,best-practices,seo',
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (run.status !== 0) throw new Error(`lighthouse failed on ${path}:\n${run.stderr}`);
    const lhr = JSON.parse(run.stdout) as {
      categories: Record<string, { score: number | null }>;
      audits: Record<string, { numericValue?: number }>;
    };
    const score = (id: string) => Math.round((lhr.categories[id].score ?? 0) * 100);
    const audit = (id: string) => lhr.audits[id].numericValue ?? NaN;
    const w = await pageWeight(browser, `${base}${path}`);
    rows.push({
      path,
      perf: score('performance'),
      a11y: score('accessibility'),
      bp: score('best-practices'),
      seo: score('seo'),
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      html: w.html,
      css: w.css,
      js: w.js,
      total: w.total,
    });
    process.stderr.write(`measured ${path}\n`);
  }
} finally {
  await browser.close();
  await site.stop();
}

const ms = (n: number) => `${Math.round(n)} ms`;
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
console.log(
  line([
    'page',
    'perf',
    'a11y',
    'best pr.',
    'SEO',
    'FCP',
    'LCP',
    'TBT',
    'HTML gz',
    'CSS gz',
    'JS gz',
    'on load gz',
  ]),
);
console.log(line(Array(12).fill('---')));
for (const r of rows) {
  console.log(
    line([
      r.path,
      ...[r.perf, r.a11y, r.bp, r.seo].map(String),
      ms(r.fcp),
      ms(r.lcp),
      ms(r.tbt),
      kb(r.html),
      kb(r.css),
      kb(r.js),
      kb(r.total),
    ]),
  );
}
const min = (k: keyof Row) => Math.min(...rows.map((r) => r[k] as number));
const max = (k: keyof Row) => Math.max(...rows.map((r) => r[k] as number));
console.log(
  line([
    '**worst**',
    String(min('perf')),
    String(min('a11y')),
    String(min('bp')),
    String(min('seo')),
    ms(max('fcp')),
    ms(max('lcp')),
    ms(max('tbt')),
    kb(max('html')),
    kb(max('css')),
    kb(max('js')),
    kb(max('total')),
  ]),
);
