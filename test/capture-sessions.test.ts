// Sessions that capture packets (a `sudo tcpdump` step), run for real and compared with their
// golden files, after every other test (vitest.config.ts, groupOrder): the order of packets is
// the kernel's, and a machine busy with other tests could stall a program long enough to change
// it. Among themselves they run at once: each captures only its own ports.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepsPcap, pcapProblems } from '../src/lib/capture-file.ts';
import { capturesPackets } from '../src/lib/command.ts';
import { readPcap, rewritePorts, writePcap } from '../src/lib/pcap.ts';
import { installed } from '../src/lib/processes.ts';
import { missingTools, runSession } from '../src/lib/session-runner.ts';
import { topologies } from '../src/lib/topologies.ts';
import { recordRun, STAMPS, stampProblems } from '../src/lib/stamp.ts';
import { root } from './processes.ts';
import { dir, load, matchGolden, names as all } from './sessions.ts';

const names: string[] = [];
for (const name of all) if (capturesPackets(await load(name))) names.push(name);

describe.concurrent('packet captures match a fresh run', () => {
  it('there are captures', () => {
    expect(names).toEqual(expect.arrayContaining(['capture-handshake', 'capture-udp']));
  });

  it.for(names)('%s', async (name, { expect, skip }) => {
    const session = await load(name);
    // Capturing needs tcpdump and root or CAP_NET_RAW; CI has both (.ci/run, the workflows).
    const missing = missingTools(session);
    if (missing.length && !process.env.CI) return skip(`needs ${missing.join(', ')}`);
    const out = mkdtempSync(join(tmpdir(), 'pcap-'));
    try {
      // the run's packets, kept when its stamp is written (not a lab's: keepsPcap)
      const pcap = keepsPcap(session) ? join(out, `${name}.pcap`) : undefined;
      await matchGolden(expect, name, session, await runSession(session, { root, pcap }), pcap);
      // A pcap that no longer reads back as its golden file (a rule of normalise.ts changed)
      // gives way to this run's, which does.
      if (pcap && !process.env.CI && (await pcapProblems(dir, name, session)).length) {
        rmSync(join(dir, `${name}.pcap`), { force: true });
        recordRun(dir, name, session, pcap);
        console.log(`examples/sessions/${name}.pcap rewritten from this run: commit it`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

// Each capture's packets, as a page links them for Wireshark (src/lib/capture-file.ts), and the
// stamps of the captures' golden files and pcaps (src/lib/stamp.ts).
describe('the captures to download', () => {
  it("every pcap, read back with tcpdump, is its golden file's capture", async ({ skip }) => {
    if (!installed('tcpdump') && !process.env.CI) return skip('needs tcpdump');
    const problems = await Promise.all(
      names.map(async (n) => {
        const session = await load(n);
        return keepsPcap(session) ? pcapProblems(dir, n, session) : [];
      }),
    );
    expect(problems.flat()).toEqual([]);
  });

  it('every golden file and pcap is the one its stamp names', () => {
    expect(stampProblems(dir, names)).toEqual([]);
  });

  it('a pcap changed without a run fails, read back and by its stamp', async ({ expect, skip }) => {
    if (!installed('tcpdump') && !process.env.CI) return skip('needs tcpdump');
    const session = await load('capture-handshake');
    const copy = mkdtempSync(join(tmpdir(), 'pcap-drift-'));
    try {
      for (const ext of ['txt', 'pcap'])
        cpSync(join(dir, `capture-handshake.${ext}`), join(copy, `capture-handshake.${ext}`));
      cpSync(join(dir, STAMPS), join(copy, STAMPS));
      expect(await pcapProblems(copy, 'capture-handshake', session)).toEqual([]);
      expect(stampProblems(copy, ['capture-handshake'])).toEqual([]);
      // Packet 10, the client's FIN, gone from the file.
      const file = join(copy, 'capture-handshake.pcap');
      const pcap = readPcap(readFileSync(file));
      pcap.records.splice(9, 1);
      writeFileSync(file, writePcap(pcap));
      expect(await pcapProblems(copy, 'capture-handshake', session)).toEqual([
        expect.stringMatching(
          /^capture-handshake\.pcap, read back, differs from capture-handshake\.txt at line 10 of the capture: "IP 127\.0\.0\.1\.12000 > 127\.0\.0\.1\.⟨50001⟩: Flags \[\.\], ack 7/,
        ),
        'capture-handshake.pcap holds 10 packets, capture-handshake.txt shows 11: their numbers would not match',
      ]);
      expect(stampProblems(copy, ['capture-handshake'])).toEqual([
        expect.stringMatching(/^capture-handshake\.pcap is not the file its stamp/),
      ]);
      // Every packet there, but the client on port 50007: read back and normalised, the same
      // lines; in Wireshark, not the page's port.
      cpSync(join(dir, 'capture-handshake.pcap'), file);
      const moved = readPcap(readFileSync(file));
      for (const record of moved.records)
        rewritePorts(moved, record, (port) => (port === 50001 ? 50007 : port));
      writeFileSync(file, writePcap(moved));
      expect(await pcapProblems(copy, 'capture-handshake', session)).toEqual([
        'capture-handshake.pcap: packet 1 goes 127.0.0.1.50007 > 127.0.0.1.12000, the page shows 127.0.0.1.50001 > 127.0.0.1.12000',
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('a drifted capture fails', () => {
  it('closing with resetAndDestroy() instead of end() changes the packets, without refreshing the golden file', async ({
    skip,
  }) => {
    const session = await load('capture-handshake');
    const missing = missingTools(session);
    if (missing.length && !process.env.CI) return skip(`needs ${missing.join(', ')}`);
    const copy = mkdtempSync(join(tmpdir(), 'drift-'));
    try {
      cpSync(join(root, 'examples'), join(copy, 'examples'), { recursive: true });
      const server = join(copy, 'examples/watch-server.ts');
      const source = readFileSync(server, 'utf8');
      // The RST comes alone: Node 22's libuv (1.51) reports a RST that lands together with the
      // bytes before it, such as a last "bye", as a clean end, and the client would exit 0.
      const changed = source.replace(/socket\.end\('bye\\n'\)/, 'socket.resetAndDestroy()');
      expect(changed).not.toBe(source); // the change applies
      writeFileSync(server, changed);
      // The client now meets a reset (ECONNRESET, exit 1) where it met a FIN.
      const steps = session.steps.map((step) => ('run' in step ? { ...step, exit: 1 } : step));
      const transcript = await runSession({ ...session, steps }, { root: copy });
      const golden = readFileSync(join(dir, 'capture-handshake.txt'), 'utf8');
      const fromServer = (text: string, flags: string) =>
        text.includes(`IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [${flags}]`);
      expect(fromServer(golden, 'F.')).toBe(true);
      expect(fromServer(transcript, 'F.')).toBe(false);
      expect(fromServer(transcript, 'R.')).toBe(true);
      expect(transcript).not.toBe(golden); // so toMatchFileSnapshot would fail
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('in a lab: a firewall that answers 12003 with "host prohibited" changes the packets, without refreshing the golden file', async ({
    skip,
  }) => {
    const session = await load('firewall-reject');
    const missing = missingTools(session);
    if (missing.length && !process.env.CI) return skip(`needs ${missing.join(', ')}`);
    // The same network, another answer on 12003: a lab of another name, that no other session uses.
    const filters = topologies.firewall.filters!.map((f) =>
      f.port === 12003 ? { ...f, with: 'icmp type host-prohibited' as const } : f,
    );
    topologies['firewall-drifted'] = { ...topologies.firewall, name: 'firewall-drifted', filters };
    try {
      const transcript = await runSession({ ...session, lab: 'firewall-drifted' }, { root });
      const golden = readFileSync(join(dir, 'firewall-reject.txt'), 'utf8');
      const portUnreachable = 'ICMP 198.51.100.80 tcp port 12003 unreachable';
      expect(golden).toContain(portUnreachable);
      expect(transcript).not.toContain(portUnreachable);
      expect(transcript).toContain('connect EHOSTUNREACH 198.51.100.80:12003');
      expect(transcript).not.toBe(golden); // so toMatchFileSnapshot would fail
    } finally {
      delete topologies['firewall-drifted'];
    }
  });
});
