// Where the course's repository lives, said once. package.json's `repository.url` is the
// course's own; REPOSITORY_URL replaces it, and the deploy workflow sets it to the repository
// the workflow runs in, so that a fork's site points at the fork. The site's edit and GitHub
// links (astro.config.mjs), the setup pages' `git clone` (<CloneCommands />) and the README
// (test/repository.test.ts) all follow it.
import pkg from '../../package.json' with { type: 'json' };

/** A repository address as a browser and `git clone` both take it: no `git+` prefix, no `.git`. */
export function plainUrl(url: string): string {
  return url
    .trim()
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

/** The repository's address: REPOSITORY_URL if set, else package.json's. */
export const repositoryUrl = plainUrl(process.env.REPOSITORY_URL || pkg.repository.url);

/** The folder `git clone` makes: the address's last part. */
export const cloneFolder = repositoryUrl.slice(repositoryUrl.lastIndexOf('/') + 1);
