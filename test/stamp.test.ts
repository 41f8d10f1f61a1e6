// The stamps (src/lib/stamp.ts): what a run records, when it records it (and when it leaves the
// file alone), what a page shows of them. In copies of examples/sessions/, never the real files.
// Fast: no session runs here (the session tests record real runs).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installed } from '../src/lib/processes.ts';
import {
  STAMPS,
  readStamps,
  recordRun,
  runsOf,
  sha256,
  stampProblems,
  toolVersion,
  type Stamp,
} from '../src/lib/stamp.ts';
import { dir, load } from './sessions.ts';

const copies: string[] = [];
afterAll(() => copies.forEach((copy) => rmSync(copy, { recursive: true, force: true })));

/** A folder with these sessions' golden files (and pcaps), and no stamps. */
function copyOf(files: string[]): string {
  const copy = mkdtempSync(join(tmpdir(), 'stamps-'));
  copies.push(copy);
  for (const file of files) cpSync(join(dir, file), join(copy, file));
  return copy;
}

describe('a run records its stamp', () => {
  it('when a golden file has none, then never again while it stays the same', async () => {
    const copy = copyOf(['nc-echo.txt', 'udp-echo.txt']);
    const nc = await load('nc-echo');
    expect(stampProblems(copy, ['nc-echo'])).toEqual([
      'nc-echo has no stamp in verified.json: run `npm test` (or `npm run sessions:update`) where the session runs, and commit what it writes',
    ]);
    expect(recordRun(copy, 'nc-echo', nc)).toBe(true);
    const stamp = readStamps(copy)['nc-echo'];
    expect(stamp).toMatchObject({
      golden: sha256(readFileSync(join(dir, 'nc-echo.txt'))),
      date: new Date().toISOString().slice(0, 10),
      node: process.version,
    });
    expect(stamp.kernel).toMatch(/^\w+ \S+/);
    expect(stamp.os).not.toBe('');
    expect(Object.keys(stamp.tools)).toEqual(['nc']); // the system tools it runs, not node
    if (installed('nc')) expect(stamp.tools.nc).toMatch(/^netcat-openbsd \d/);
    expect(stampProblems(copy, ['nc-echo'])).toEqual([]);
    // A run that confirms it changes nothing: the file stays byte for byte.
    const before = readFileSync(join(copy, STAMPS), 'utf8');
    expect(recordRun(copy, 'nc-echo', nc)).toBe(false);
    expect(readFileSync(join(copy, STAMPS), 'utf8')).toBe(before);
    // Another session's stamp joins it; a tool-less session records no tools.
    expect(recordRun(copy, 'udp-echo', await load('udp-echo'))).toBe(true);
    expect(Object.keys(readStamps(copy))).toEqual(['nc-echo', 'udp-echo']);
    expect(readStamps(copy)['udp-echo'].tools).toEqual({});
  });

  it('again when its golden file changes (npm run sessions:update rewrote it)', async () => {
    const copy = copyOf(['udp-echo.txt']);
    const session = await load('udp-echo');
    recordRun(copy, 'udp-echo', session);
    const golden = join(copy, 'udp-echo.txt');
    writeFileSync(golden, readFileSync(golden, 'utf8').replace('11 bytes', '12 bytes'));
    expect(stampProblems(copy, ['udp-echo'])).toEqual([
      'udp-echo.txt is not the file its stamp in verified.json names (changed by hand, or refreshed without its stamp): run `npm test` (or `npm run sessions:update`) where the session runs, and commit what it writes',
    ]);
    expect(recordRun(copy, 'udp-echo', session)).toBe(true);
    expect(readStamps(copy)['udp-echo'].golden).toBe(sha256(readFileSync(golden)));
    expect(stampProblems(copy, ['udp-echo'])).toEqual([]);
  });

  it("a capture's: the run's packets kept beside the golden file, both hashed", async () => {
    const copy = copyOf(['capture-udp.txt']);
    const session = await load('capture-udp');
    const packets = join(copy, 'run.pcap'); // what the runner wrote (here: the committed one)
    cpSync(join(dir, 'capture-udp.pcap'), packets);
    expect(recordRun(copy, 'capture-udp', session, packets)).toBe(true);
    const kept = readFileSync(join(copy, 'capture-udp.pcap'));
    expect(kept.equals(readFileSync(packets))).toBe(true);
    expect(readStamps(copy)['capture-udp'].pcap).toBe(sha256(kept));
    expect(recordRun(copy, 'capture-udp', session, packets)).toBe(false);
    // A pcap gone (or changed) fails the stamp, and the next run that passes keeps its own.
    rmSync(join(copy, 'capture-udp.pcap'));
    expect(stampProblems(copy, ['capture-udp'])).toEqual([
      expect.stringMatching(/^capture-udp\.pcap is not the file its stamp in verified\.json names/),
    ]);
    expect(recordRun(copy, 'capture-udp', session, packets)).toBe(true);
    expect(stampProblems(copy, ['capture-udp'])).toEqual([]);
  });

  it('a stamp goes with its golden file', async () => {
    const copy = copyOf(['udp-echo.txt', 'nc-echo.txt']);
    recordRun(copy, 'udp-echo', await load('udp-echo'));
    rmSync(join(copy, 'udp-echo.txt'));
    recordRun(copy, 'nc-echo', await load('nc-echo'));
    expect(Object.keys(readStamps(copy))).toEqual(['nc-echo']);
  });
});

describe('tool versions', () => {
  it.for(['tcpdump', 'openssl', 'python3', 'curl', 'ss', 'lsof', 'dig', 'nc'])(
    '%s says its version',
    (tool, { skip }) => {
      if (!installed(tool)) return skip(`${tool} is not installed`);
      expect(toolVersion(tool)).toMatch(/^[\w-]+(, \w+)? \d+\.\d+/);
    },
  );

  it('a tool that says none is named alone', () => {
    expect(toolVersion('no-such-tool-here')).toBe('no-such-tool-here');
  });
});

describe('what a page shows of its stamps', () => {
  const run = {
    date: '2026-12-01',
    commit: 'abc1234',
    node: 'v24.11.1',
    os: 'Debian GNU/Linux 13 (trixie)',
    kernel: 'Linux 6.12.48',
  };
  const stamp = (golden: string, tools: Record<string, string>, more: Partial<Stamp> = {}) => ({
    golden: sha256(golden),
    ...run,
    tools,
    ...more,
  });

  it('one run, the tools of all its sessions; a later run first; a changed golden file claims nothing', () => {
    const stamps: Record<string, Stamp> = {
      a: stamp('A', { nc: 'netcat-openbsd 1.229-1' }),
      b: stamp('B', { tcpdump: 'tcpdump 4.99.5', nc: 'netcat-openbsd 1.229-1' }),
      c: stamp('C', {}, { date: '2026-12-05', commit: 'def5678', uncommitted: true }),
      d: stamp('D', { ss: 'ss, iproute2 6.15.0' }),
    };
    const goldens = new Map([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
      ['d', 'D, edited by hand'],
      ['e', 'E, no stamp'],
    ]);
    expect(runsOf(stamps, goldens)).toEqual({
      runs: [
        {
          ...run,
          date: '2026-12-05',
          commit: 'def5678',
          uncommitted: true,
          tools: [],
          sessions: ['c'],
        },
        {
          ...run,
          uncommitted: undefined,
          tools: ['netcat-openbsd 1.229-1', 'tcpdump 4.99.5'],
          sessions: ['a', 'b'],
        },
      ],
      unverified: ['d', 'e'],
    });
  });
});
