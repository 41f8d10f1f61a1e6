// The repository's history, read with git: what the translation check (src/lib/translations.ts)
// and the books' title pages (the commit they were printed from) need.
import { execFileSync } from 'node:child_process';

/** git's output for `args`, run in `root`; throws with git's own message when it fails. */
export function git(root: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Why the history cannot be read, in one sentence, or undefined when it can: git missing, not a
 * clone (a downloaded archive), or a shallow clone (GitHub's checkout fetches one commit unless
 * told `fetch-depth: 0`), where every file would seem to have been written in the last commit.
 */
export function historyProblem(root: string): string | undefined {
  let shallow: string;
  try {
    shallow = git(root, ['rev-parse', '--is-shallow-repository']).trim();
  } catch {
    return 'no git history here (git is missing, or this folder is not a clone of the repository)';
  }
  if (shallow === 'true') {
    return 'the git history is shallow (a clone with --depth, or actions/checkout without fetch-depth: 0): run `git fetch --unshallow`';
  }
  return undefined;
}

/** The last commit: its short hash and its date (YYYY-MM-DD), or undefined without history. */
export function headCommit(root: string): { hash: string; date: string } | undefined {
  try {
    const [hash, date] = git(root, ['log', '-1', '--format=%h %cs']).trim().split(' ');
    return hash && date ? { hash, date } : undefined;
  } catch {
    return undefined;
  }
}
