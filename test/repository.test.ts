// The repository's address is said once (package.json, read by src/lib/repository.ts): the README
// names the same one, the pages type none of their own, and REPOSITORY_URL (a fork's deploy)
// replaces it everywhere the site shows it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pagesUnder } from '../src/lib/content-checks.ts';
import { plainUrl } from '../src/lib/repository.ts';
import { root } from './processes.ts';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  repository: { url: string };
};
const configured = plainUrl(pkg.repository.url);

/** Every `git clone URL` and the `cd FOLDER` after it, in a text. */
function cloneCommands(text: string): { url: string; folder: string | undefined }[] {
  return [...text.matchAll(/git clone (\S+)\s*\n(?:cd (\S+))?/g)].map((m) => ({
    url: m[1],
    folder: m[2],
  }));
}

describe('the repository address', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is package.json’s, and the README clones that one into its own folder', () => {
    const readme = cloneCommands(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(readme.length).toBeGreaterThan(0);
    for (const { url, folder } of readme) {
      expect(url).toBe(configured);
      expect(folder).toBe(configured.split('/').pop());
    }
  });

  it('would catch a README that names another repository', () => {
    const [stale] = cloneCommands('git clone https://github.com/someone/else.git\ncd else\n');
    expect(plainUrl(stale.url)).not.toBe(configured);
  });

  it('is never typed into a page: the pages show <CloneCommands />', () => {
    const docs = join(root, 'src/content/docs');
    const typed = pagesUnder(docs)
      .filter((page) => /git clone/.test(readFileSync(join(docs, page), 'utf8')))
      .map((page) => `src/content/docs/${page}`);
    expect(typed).toEqual([]);
  });

  it('comes from package.json, unless REPOSITORY_URL names another', async () => {
    vi.stubEnv('REPOSITORY_URL', '');
    expect((await import('../src/lib/repository.ts')).repositoryUrl).toBe(configured);
    vi.resetModules();
    vi.stubEnv('REPOSITORY_URL', 'https://github.com/a-fork/the-course.git');
    const fork = await import('../src/lib/repository.ts');
    expect(fork.repositoryUrl).toBe('https://github.com/a-fork/the-course');
    expect(fork.cloneFolder).toBe('the-course');
  });

  it('is written as a browser and git both take it', () => {
    expect(plainUrl('git+https://github.com/o/r.git')).toBe('https://github.com/o/r');
    expect(plainUrl(' https://github.com/o/r/ ')).toBe('https://github.com/o/r');
  });
});
