// Translation freshness (src/lib/translations.ts): the course's pages today, then the rules on
// small repositories made here, commit by commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../src/lib/processes.ts';
import {
  checkTranslations,
  describeStale,
  pageUrl,
  twinCommitOf,
  type Freshness,
} from '../src/lib/translations.ts';

const today = checkTranslations(repositoryRoot);
if (!today.ok && !process.env.CI) console.warn(`translations.test.ts: ${today.reason}`);

// Without history the check cannot say anything: CI must have it (fetch-depth: 0), elsewhere the
// test says why it is skipped.
it.skipIf(!today.ok && !process.env.CI)(
  "every page is in line with its twin in the other language (or names the twin's commit it follows)",
  () => {
    if (!today.ok) throw new Error(`the translation check needs git's history: ${today.reason}`);
    expect(today.problems).toEqual([]);
    expect(today.stale.map(describeStale)).toEqual([]);
  },
);

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A repository of its own with one pair of pages, pt and en, created in one commit. */
function repository() {
  const root = mkdtempSync(join(tmpdir(), 'twins-'));
  made.push(root);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.test', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const write = (path: string, body: string, front = '') => {
    const file = join(root, 'src/content/docs', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `---\ntitle: ${path}\n${front}---\n\n${body}\n`);
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', '--short', 'HEAD');
  };
  git('init', '-q', '-b', 'main');
  write('udp/echo.mdx', 'Um servidor de eco.');
  write('en/udp/echo.mdx', 'An echo server.');
  const created = commit('Echo, in both languages');
  const check = (): Freshness => checkTranslations(root);
  const stale = () => {
    const result = check();
    if (!result.ok) throw new Error(result.reason);
    return result.stale.map((s) => `${s.page} (${s.changes.length} changes)`);
  };
  return { root, git, write, commit, created, check, stale };
}

const PT = 'src/content/docs/udp/echo.mdx';
const EN = 'src/content/docs/en/udp/echo.mdx';

describe('a pair of pages', () => {
  it('is in line when both were written in one commit', () => {
    expect(repository().stale()).toEqual([]);
  });

  it('leaves the other page stale when one changes alone, either way', () => {
    const r = repository();
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP.');
    const changed = r.commit('pt only');
    const result = r.check();
    const stale = result.ok ? result.stale : [];
    expect(stale).toEqual([
      {
        page: EN,
        twin: PT,
        since: r.created,
        changes: [`${changed} pt only`],
        record: changed,
      },
    ]);
    expect(describeStale(stale[0])).toContain(`twinCommit: ${changed}`);

    const other = repository();
    other.write('en/udp/echo.mdx', 'An echo server, over UDP.');
    other.commit('en only');
    expect(other.stale()).toEqual([`${PT} (1 changes)`]);
  });

  it('is in line again once the stale page names the commit it follows, and that makes no other page stale', () => {
    const r = repository();
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP.');
    const changed = r.commit('pt only');
    r.write('en/udp/echo.mdx', 'An echo server.', `twinCommit: ${changed}\n`);
    r.commit('en: nothing to change');
    expect(r.stale()).toEqual([]);
    // The twin moves on again: the recorded commit no longer covers it.
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP, na porta 12000.');
    r.commit('pt again');
    expect(r.stale()).toEqual([`${EN} (1 changes)`]);
  });

  it('is in line after one commit that changes both, with no field to write', () => {
    const r = repository();
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP.');
    r.commit('pt only');
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP, na porta 12000.');
    r.write('en/udp/echo.mdx', 'An echo server, over UDP, on port 12000.');
    r.commit('both');
    expect(r.stale()).toEqual([]);
  });

  it('counts a merged branch as one change: a page and its twin updated in separate commits land together', () => {
    const r = repository();
    r.git('switch', '-q', '-c', 'work');
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP.');
    r.commit('pt first');
    expect(r.stale()).toEqual([`${EN} (1 changes)`]); // on the branch, in between
    r.write('en/udp/echo.mdx', 'An echo server, over UDP.');
    r.commit('en next');
    r.git('switch', '-q', 'main');
    r.git('merge', '-q', '--no-ff', '-m', 'Merge work', 'work');
    expect(r.stale()).toEqual([]);
  });

  it('looks at uncommitted edits: one page edited leaves its twin stale, both edited are in line', () => {
    const r = repository();
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP.');
    const result = r.check();
    expect(result.ok && result.stale.map((s) => [s.page, s.changes, s.record])).toEqual([
      [EN, ['(uncommitted edits)'], undefined],
    ]);
    r.write('en/udp/echo.mdx', 'An echo server, over UDP.');
    expect(r.stale()).toEqual([]);
  });

  it('takes a new translation, not yet committed, as in line with its source', () => {
    const r = repository();
    r.write('udp/netcat.mdx', 'O netcat.');
    r.commit('pt: a new page');
    expect(r.stale()).toEqual([]); // no twin yet: the content checks say so, not this one
    r.write('en/udp/netcat.mdx', 'Netcat.');
    expect(r.stale()).toEqual([]);
    r.commit('en: its translation');
    expect(r.stale()).toEqual([]);
  });

  it('refuses a twinCommit that names no commit', () => {
    const r = repository();
    r.write('en/udp/echo.mdx', 'An echo server.', 'twinCommit: 0123456789abc\n');
    r.commit('a bad field');
    const result = r.check();
    expect(result.ok && result.problems).toEqual([
      expect.stringContaining(`${EN}: twinCommit 0123456789abc names no commit`),
    ]);
  });
});

describe('without history', () => {
  it('says that a shallow clone lacks it, and how to get it', () => {
    const r = repository();
    r.write('udp/echo.mdx', 'Um servidor de eco, em UDP.');
    r.commit('pt only');
    const shallow = mkdtempSync(join(tmpdir(), 'shallow-'));
    made.push(shallow);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.root}`, shallow]);
    expect(checkTranslations(shallow)).toEqual({
      ok: false,
      reason: expect.stringMatching(/shallow.*fetch-depth: 0.*git fetch --unshallow/),
    });
  });

  it('says that a folder that is no clone has none', () => {
    const folder = mkdtempSync(join(tmpdir(), 'archive-'));
    made.push(folder);
    expect(checkTranslations(folder)).toEqual({
      ok: false,
      reason: expect.stringContaining('no git history'),
    });
  });
});

it('reads twinCommit from the front matter only, quoted or not', () => {
  expect(twinCommitOf('---\ntitle: A\ntwinCommit: abc1234\n---\n')).toBe('abc1234');
  expect(twinCommitOf("---\ntwinCommit: 'abc1234'\n---\n")).toBe('abc1234');
  expect(twinCommitOf('---\ntitle: A\n---\n\ntwinCommit: abc1234\n')).toBeUndefined();
});

it("gives a page's address on the site", () => {
  expect(pageUrl('src/content/docs/en/udp/echo.mdx')).toBe('/en/udp/echo/');
  expect(pageUrl('src/content/docs/udp/echo.mdx')).toBe('/udp/echo/');
  expect(pageUrl('src/content/docs/index.mdx')).toBe('/');
  expect(pageUrl('src/content/docs/en/index.mdx')).toBe('/en/');
});
