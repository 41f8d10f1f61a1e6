// What produced each golden transcript: examples/sessions/verified.json holds, for every session,
// the SHA-256 of its golden file (and of its capture's pcap) and the run that wrote it or first
// confirmed it: the day (UTC), the commit the run started from and whether the course had
// uncommitted changes then (anything but the transcripts, the captures and this file), Node, the
// operating system and its kernel, and the versions of the system tools the session runs (nc, ss,
// tcpdump…). The session tests write a stamp (never under CI); each lesson page shows the stamps
// of its transcripts (<Verified>), and only for a transcript whose bytes its stamp names.
//
// What a stamp says, and what it does not:
// - A golden file or pcap whose hash is not its stamp's was changed without a run that recorded
//   it: by hand, or refreshed by something other than the session tests. A test fails
//   (stampProblems), naming the file.
// - It changes only with its golden file (or pcap), or when the session has none yet: `npm test`
//   on an unchanged course leaves it alone. It names the run that produced the transcript, not
//   the latest one that confirmed it; every `npm test` (the deploy's too) runs the session again.
// - A commit cannot hold its own hash: the commit named is HEAD when the run started, the parent
//   of the commit that brings the stamp (or an older one).
// - It guards against mistakes; it is no signature: anyone can write a hash.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { release, type as kernelName, version as osVersion } from 'node:os';
import { join } from 'node:path';
import { toolsOf } from './command.ts';
import { git, headCommit } from './git.ts';
import type { Session } from './session.ts';

/** The stamps' file, in examples/sessions/. */
export const STAMPS = 'verified.json';

export interface Stamp {
  /** SHA-256 of NAME.txt, the golden file, as the run wrote or confirmed it. */
  golden: string;
  /** SHA-256 of NAME.pcap, a capture's packets (capture-file.ts), from the same run. */
  pcap?: string;
  /** The day of the run, YYYY-MM-DD (UTC). */
  date: string;
  /** HEAD's short hash when the run started; undefined outside a git clone. */
  commit?: string;
  /** The course had changes not yet committed then (but for transcripts, captures, stamps). */
  uncommitted?: boolean;
  node: string;
  /** The operating system, as it names itself ("Debian GNU/Linux 12 (bookworm)"). */
  os: string;
  /** Its kernel, as `uname -sr` says it ("Linux 6.1.0-28-amd64"). */
  kernel: string;
  /** The version of each system tool the session runs: { nc: 'netcat-openbsd 1.219-1' }. */
  tools: Record<string, string>;
}

export const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every stamp in `dir` (examples/sessions/), by session name. */
export function readStamps(dir: string): Record<string, Stamp> {
  const file = join(dir, STAMPS);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/**
 * Why the stamps in `dir` do not vouch for these sessions' files as they are, or nothing: a
 * session without a stamp, a golden file or pcap whose hash is not the one its stamp names.
 */
export function stampProblems(dir: string, names: string[]): string[] {
  const stamps = readStamps(dir);
  const problems: string[] = [];
  const refresh =
    'run `npm test` (or `npm run sessions:update`) where the session runs, and commit what it writes';
  for (const name of names) {
    const stamp = stamps[name];
    if (!stamp) {
      problems.push(`${name} has no stamp in ${STAMPS}: ${refresh}`);
      continue;
    }
    const changed = (file: string, hash: string | undefined) => {
      const path = join(dir, file);
      const now = existsSync(path) ? sha256(readFileSync(path)) : undefined;
      if (now !== hash)
        problems.push(
          `${file} is not the file its stamp in ${STAMPS} names (changed by hand, or refreshed without its stamp): ${refresh}`,
        );
    };
    changed(`${name}.txt`, stamp.golden);
    if (stamp.pcap || existsSync(join(dir, `${name}.pcap`))) changed(`${name}.pcap`, stamp.pcap);
  }
  return problems;
}

/**
 * After a run of a session that matched its golden file: when the golden file (or pcap) is not
 * the one its stamp names, or a capture has no pcap yet, keep this run's pcap (`pcap`) beside the
 * golden file and stamp both with this run. Says whether it did.
 */
export function recordRun(dir: string, name: string, session: Session, pcap?: string): boolean {
  const kept = join(dir, `${name}.pcap`);
  if (!stampProblems(dir, [name]).length && (!pcap || existsSync(kept))) return false;
  if (pcap) writeFileSync(kept, readFileSync(pcap)); // (a copy would keep the owner tcpdump gave it)
  const stamp: Stamp = {
    golden: sha256(readFileSync(join(dir, `${name}.txt`))),
    ...(pcap && { pcap: sha256(readFileSync(kept)) }),
    ...thisRun(dir),
    tools: Object.fromEntries(toolsOf(session).map((tool) => [tool, toolVersion(tool)])),
  };
  const stamps = { ...readStamps(dir), [name]: stamp };
  // Sorted by name; a session whose golden file is gone (removed) loses its stamp.
  const sorted = Object.fromEntries(
    Object.entries(stamps)
      .filter(([session]) => existsSync(join(dir, `${session}.txt`)))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const file = join(dir, STAMPS);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(`${file}.tmp`, file); // (read and written at once: tests in one process never interleave)
  return true;
}

type Run = Pick<Stamp, 'date' | 'commit' | 'uncommitted' | 'node' | 'os' | 'kernel'>;
let run: Run | undefined;

/** This run: the day, the commit, Node, the system. Read once, when the first stamp is written. */
function thisRun(dir: string): Run {
  if (run) return run;
  const commit = headCommit(dir)?.hash;
  let uncommitted: boolean | undefined;
  try {
    const outputs = ['*.txt', '*.pcap', STAMPS].map((f) => `:(exclude,top)examples/sessions/${f}`);
    uncommitted = git(dir, ['status', '--porcelain', '--', ':/', ...outputs]).trim() !== '';
  } catch {
    uncommitted = undefined; // not a clone
  }
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  run = {
    date: new Date().toISOString().slice(0, 10),
    commit,
    ...(commit && uncommitted && { uncommitted }),
    node: process.version,
    os: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? osVersion(),
    kernel: `${kernelName()} ${release()}`,
  };
  return run;
}

/**
 * How each tool says its version: the commands to ask, in order, and the version in what they
 * print (group 1), shown after the tool's name. A tool not listed is asked `TOOL --version`.
 */
const VERSIONS: Record<string, { name: string; ask: [string[], RegExp][] }> = {
  // netcat-openbsd has no --version; Debian's says its patch level in -h
  nc: {
    name: 'netcat-openbsd',
    ask: [
      [['dpkg-query', '-W', '-f', '${Version}', 'netcat-openbsd'], /^(\S+)$/],
      [['nc', '-h'], /patchlevel ([^)\s]+)/],
    ],
  },
  ss: { name: 'ss, iproute2', ask: [[['ss', '-V'], /iproute2-?(\S+)/]] },
  lsof: { name: 'lsof', ask: [[['lsof', '-v'], /revision: (\S+)/]] },
  tcpdump: { name: 'tcpdump', ask: [[['tcpdump', '--version'], /tcpdump version (\S+)/]] },
  openssl: { name: 'OpenSSL', ask: [[['openssl', 'version'], /^OpenSSL (\S+)/]] },
  python3: { name: 'Python', ask: [[['python3', '--version'], /Python (\S+)/]] },
  dig: { name: 'dig, BIND', ask: [[['dig', '-v'], /DiG (\S+)/]] },
  curl: { name: 'curl', ask: [[['curl', '--version'], /^curl (\S+)/]] },
};

const versions = new Map<string, string>();

/** A system tool's name and version, as the stamps record it ("tcpdump 4.99.3"). */
export function toolVersion(tool: string): string {
  if (versions.has(tool)) return versions.get(tool)!;
  const { name, ask } = VERSIONS[tool] ?? {
    name: tool,
    ask: [[[tool, '--version'], /(\d+(?:\.\d+)+\S*)/]],
  };
  let found: string | undefined;
  for (const [[command, ...args], pattern] of ask) {
    const said = spawnSync(command, args, { encoding: 'utf8', timeout: 5000 });
    found = pattern.exec(`${said.stdout ?? ''}\n${said.stderr ?? ''}`.trim())?.[1];
    if (found) break;
  }
  const result = found ? `${name} ${found}` : name;
  versions.set(tool, result);
  return result;
}

/** A run as a page shows it: what its stamps share, and the tools of the page's sessions it ran. */
export interface ShownRun extends Run {
  tools: string[];
  sessions: string[];
}

/**
 * The runs that produced a page's transcripts, latest first (`goldens`: each session's golden
 * file as the build reads it), and the sessions no stamp vouches for: no stamp, or a golden file
 * that is not the one its stamp names. A page claims nothing for those.
 */
export function runsOf(
  stamps: Record<string, Stamp>,
  goldens: Map<string, string>,
): { runs: ShownRun[]; unverified: string[] } {
  const runs = new Map<string, ShownRun>();
  const unverified: string[] = [];
  for (const [name, golden] of goldens) {
    const stamp = stamps[name];
    if (!stamp || stamp.golden !== sha256(golden)) {
      unverified.push(name);
      continue;
    }
    const { date, commit, uncommitted, node, os, kernel } = stamp;
    const key = JSON.stringify([date, commit, uncommitted, node, os, kernel]);
    if (!runs.has(key))
      runs.set(key, { date, commit, uncommitted, node, os, kernel, tools: [], sessions: [] });
    const shown = runs.get(key)!;
    shown.sessions.push(name);
    for (const tool of Object.values(stamp.tools))
      if (!shown.tools.includes(tool)) shown.tools.push(tool);
  }
  const latest = [...runs.values()].sort((a, b) => b.date.localeCompare(a.date));
  for (const shown of latest) shown.tools.sort();
  return { runs: latest, unverified };
}
