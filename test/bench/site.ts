// npm run bench:site — builds the site, serves it, and runs Lighthouse 12.8 (mobile
// settings) and a weight measurement over every lesson in both languages.
// Prints one table row per page and the worst value of each column.
import { spawn, spawnSync } from 'node:child_process';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { freePort, repositoryRoot as root } from '../../src/lib/session-runner.ts';
import { builtPages, isLesson } from '../e2e/pages.ts';
import { kb, pageWeight } from '../e2e/weight.ts';

const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = await freePort();
const preview = spawn(`${root}/node_modules/.bin/astro`, ['preview', '--host', '127.0.0.1', '--port', String(port)], {
  cwd: root,
  detached: true,
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => preview.stdout!.on('data', (d) => String(d).includes(`:${port}`) && resolve()));
const base = `http://127.0.0.1:${port}`;

const lessons = builtPages()
  .filter((p) => isLesson(p) && !p.path.includes('/code/') && !p.path.includes('404'))
  .map((p) => p.path);
const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS });
const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS.map((f) => f.replace('=new', '')) });

interface Row { path: string; perf: number; a11y: number; bp: number; seo: number; fcp: number; lcp: number; tbt: number; html: number; css: number; js: number; total: number }
const rows: Row[] = [];
try {
  for (const path of lessons) {
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const lhr = result!.lhr;
    const score = (id: string) => Math.round((lhr.categories[id].score ?? 0) * 100);
    const audit = (id: string) => lhr.audits[id].numericValue ?? NaN;
    const w = await pageWeight(browser, `${base}${path}`);
    rows.push({
      path,
      perf: score('performance'), a11y: score('accessibility'), bp: score('best-practices'), seo: score('seo'),
      fcp: audit('first-contentful-paint'), lcp: audit('largest-contentful-paint'), tbt: audit('total-blocking-time'),
      html: w.html, css: w.css, js: w.js, total: w.total,
    });
    process.stderr.write(`measured ${path}\n`);
  }
} finally {
  await browser.close();
  chrome.kill();
  try {
    process.kill(-preview.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
console.log(line(['page', 'perf', 'a11y', 'best pr.', 'SEO', 'FCP', 'LCP', 'TBT', 'HTML gz', 'CSS gz', 'JS gz', 'on load gz']));
console.log(line(Array(12).fill('---')));
for (const r of rows) {
  console.log(line([r.path, ...[r.perf, r.a11y, r.bp, r.seo].map(String), ms(r.fcp), ms(r.lcp), ms(r.tbt), kb(r.html), kb(r.css), kb(r.js), kb(r.total)]));
}
const min = (k: keyof Row) => Math.min(...rows.map((r) => r[k] as number));
const max = (k: keyof Row) => Math.max(...rows.map((r) => r[k] as number));
console.log(line(['**worst**', String(min('perf')), String(min('a11y')), String(min('bp')), String(min('seo')),
  ms(max('fcp')), ms(max('lcp')), ms(max('tbt')), kb(max('html')), kb(max('css')), kb(max('js')), kb(max('total'))]));
