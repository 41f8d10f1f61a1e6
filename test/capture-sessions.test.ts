// Sessions that capture packets (a `sudo tcpdump` step), run for real and compared with their
// golden files, after every other test (vitest.config.ts, groupOrder): the order of packets is
// the kernel's, and a machine busy with other tests could stall a program long enough to change
// it. Among themselves they run at once: each captures only its own ports.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturesPackets } from '../src/lib/command.ts';
import { missingTools, runSession } from '../src/lib/session-runner.ts';
import { topologies } from '../src/lib/topologies.ts';
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
    await matchGolden(expect, name, session, await runSession(session, { root }));
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
