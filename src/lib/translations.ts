// Translation freshness. Every page exists twice, src/content/docs/X.mdx (pt-BR) and
// src/content/docs/en/X.mdx, its twin. The content checks keep their code the same; this keeps
// watch over their prose, with git's history:
//
// A page is in line with its twin
//   - after a change that touched both (both languages edited at once: nothing to record),
//   - after the change that created the later of the two (a translation is made from its source
//     as the source stood then),
//   - and at the commit its front matter names, `twinCommit: <hash>`: "brought in line with the
//     twin as it was at this commit", for a page updated alone, or whose twin's change needed
//     nothing here (a typo in the other language).
// A page is stale when its twin's text today is not the twin's text at the latest of the first two
// points, nor at the commit its `twinCommit` names: the twin has changed since. The `twinCommit`
// line itself is not part of the text compared, so recording it never makes the twin stale.
//
// "A change" is a step of the current line of development (`git log --first-parent`): a merge
// counts as one change, so a branch that updates a page in one commit and its twin in another
// lands both at once. Uncommitted edits count as a change too: both pages edited (or one of them
// new) in the working tree are in line.
//
// Lunaria (@lunariajs/starlight 0.1.1) does something like this for Starlight's own docs, but it
// tracks one source language and its translations (here either language may lead), compares
// dates rather than the text, and on a shallow clone downloads the repository during the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pagesUnder } from './lessons.ts';
import { git, historyProblem } from './git.ts';

export const DOCS = 'src/content/docs';
const FIELD = /^twinCommit:[ \t]*["']?([^\s"']*)["']?[ \t]*$/;

export interface Stale {
  /** The page that lags, from the repository's root (src/content/docs/en/udp/echo.mdx). */
  page: string;
  /** Its twin, which has changed since. */
  twin: string;
  /** The commit the page was last in line with its twin at, short. */
  since: string;
  /** The twin's changes after that point, newest first ("abc1234 subject"), or its uncommitted edits. */
  changes: string[];
  /** What to write in the page's front matter once it is in line again, if the twin is committed. */
  record?: string;
}

export type Freshness =
  { ok: true; stale: Stale[]; problems: string[] } | { ok: false; reason: string };

interface Change {
  hash: string;
  short: string;
  subject: string;
  touched: Set<string>;
  added: Set<string>;
}

/** The twins: pairs of pages with the same file name in both languages. */
export function twins(root: string): [string, string][] {
  const en = new Set(pagesUnder(join(root, DOCS, 'en')));
  return pagesUnder(join(root, DOCS), 'en')
    .filter((page) => en.has(page))
    .map((page) => [`${DOCS}/${page}`, `${DOCS}/en/${page}`]);
}

/** The lines of a page's front matter: 1 … end-1 (none when end is -1). */
const frontMatterEnd = (lines: string[]) => (lines[0] === '---' ? lines.indexOf('---', 1) : -1);

/** The page's text as the comparison sees it: without its own `twinCommit` line. */
function comparable(text: string): string {
  const lines = text.split('\n');
  const end = frontMatterEnd(lines);
  return lines.filter((line, i) => !(i < end && FIELD.test(line))).join('\n');
}

/** The commit a page's front matter names in `twinCommit`, if any. */
export function twinCommitOf(text: string): string | undefined {
  const lines = text.split('\n');
  const end = frontMatterEnd(lines);
  for (const line of lines.slice(1, Math.max(end, 1))) {
    const match = FIELD.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** Every page whose twin has changed since the two were last in line. */
export function checkTranslations(root: string = process.cwd()): Freshness {
  const reason = historyProblem(root);
  if (reason) return { ok: false, reason };

  // The line of development, newest first, each change with the pages it touched and created.
  const log = git(root, [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--no-renames',
    '--name-status',
    '--format=%x00%H %h %s',
    '--',
    DOCS,
  ]);
  const changes: Change[] = log
    .split('\0')
    .filter(Boolean)
    .map((record) => {
      const [head, ...lines] = record.split('\n');
      const [hash, short, ...subject] = head.split(' ');
      const change: Change = {
        hash,
        short,
        subject: subject.join(' '),
        touched: new Set(),
        added: new Set(),
      };
      for (const line of lines) {
        const [status, path] = line.split('\t');
        if (!path) continue;
        change.touched.add(path);
        if (status === 'A') change.added.add(path);
      }
      return change;
    });

  // Uncommitted edits, and pages that git does not know yet.
  const edited = new Set<string>();
  const untracked = new Set<string>();
  for (const line of git(root, ['status', '--porcelain', '--untracked-files=all', '--', DOCS])
    .split('\n')
    .filter(Boolean)) {
    const path = line.slice(3);
    (line.startsWith('??') ? untracked : edited).add(path);
  }

  const textAt = (hash: string, path: string): string | undefined => {
    try {
      return git(root, ['show', `${hash}:${path}`]);
    } catch {
      return undefined; // the page did not exist then
    }
  };

  const stale: Stale[] = [];
  const problems: string[] = [];
  for (const pair of twins(root)) {
    for (const [page, twin] of [pair, [pair[1], pair[0]]]) {
      if (untracked.has(page) || untracked.has(twin)) continue; // a new pair, or a new translation
      if (edited.has(page) && edited.has(twin)) continue; // both being edited now
      const now = comparable(readFileSync(join(root, twin), 'utf8'));
      const ownText = readFileSync(join(root, page), 'utf8');

      // The points where the two were in line, as commits (the newest first in `changes`).
      const points: string[] = [];
      const together = changes.find(
        (c) =>
          (c.touched.has(page) && c.touched.has(twin)) || c.added.has(page) || c.added.has(twin),
      );
      if (together) points.push(together.hash);
      const named = twinCommitOf(ownText);
      if (named) {
        try {
          points.push(git(root, ['rev-parse', '--verify', '--quiet', `${named}^{commit}`]).trim());
        } catch {
          problems.push(
            `${page}: twinCommit ${named} names no commit of this repository (a rebased or squashed branch's?); name a commit of the main line`,
          );
          continue;
        }
      }
      if (points.some((hash) => comparable(textAt(hash, twin) ?? '') === now)) continue;

      // What the twin went through since the latest of those points.
      const latest = Math.min(
        ...points.map((hash) => changes.findIndex((c) => c.hash === hash)).filter((i) => i >= 0),
      );
      const after = Number.isFinite(latest) ? changes.slice(0, latest) : changes;
      const twinChanges = after
        .filter((c) => c.touched.has(twin))
        .map((c) => `${c.short} ${c.subject}`);
      if (edited.has(twin)) twinChanges.unshift('(uncommitted edits)');
      stale.push({
        page,
        twin,
        since: Number.isFinite(latest) ? changes[latest].short : (named ?? 'its creation'),
        changes: twinChanges,
        record: edited.has(twin) ? undefined : changes.find((c) => c.touched.has(twin))?.short,
      });
    }
  }
  return { ok: true, stale, problems };
}

/** A stale page in a sentence, with what to do about it. */
export function describeStale(s: Stale): string {
  const what = s.changes.length ? `: ${s.changes.join('; ')}` : '';
  const fix = s.record
    ? `bring it in line and add \`twinCommit: ${s.record}\` to its front matter (or change both pages in one commit)`
    : 'commit the twin, then bring this page in line (or change both pages in one commit)';
  return `${s.page} is behind ${s.twin}, which changed after ${s.since}${what} — ${fix}; \`git diff ${s.since} -- ${s.twin}\` shows what changed`;
}

/** A page's address on the site: src/content/docs/en/udp/echo.mdx → /en/udp/echo/. */
export function pageUrl(file: string): string {
  const path = file
    .slice(DOCS.length)
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '');
  return `${path.replace(/\/$/, '')}/`;
}

let atBuild: Map<string, Stale> | undefined;

/**
 * The stale pages by file, for the line a stale page shows (<StaleNotice />), worked out once per
 * build. Without history the build goes on, says why once, and shows no such line.
 */
export function staleAtBuild(): Map<string, Stale> {
  if (!atBuild) {
    const result = checkTranslations();
    if (!result.ok) console.warn(`translation check skipped: ${result.reason}`);
    atBuild = new Map(result.ok ? result.stale.map((s) => [s.page, s]) : []);
  }
  return atBuild;
}
