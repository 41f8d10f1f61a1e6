// Sessions in a lab (src/lib/session-lab.ts): how a session names its lab and hosts, what its
// golden file and its capture diagram read back, and, where a lab can be built (root, Linux), that
// the runner always removes it and says clearly what it cannot do. The lab sessions themselves
// run with every other session (sessions.test.ts, capture-sessions.test.ts).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { labelOf, parsePackets, type Words } from '../src/lib/capture.ts';
import { namespaceNames, unavailable } from '../src/lib/lab.ts';
import { labPorts, labValues, topologyOf } from '../src/lib/session-lab.ts';
import { missingTools, runSession } from '../src/lib/session-runner.ts';
import {
  formatTranscript,
  parseTranscript,
  type Session,
  type TerminalLine,
} from '../src/lib/session.ts';
import { topologies } from '../src/lib/topologies.ts';
import { root } from './processes.ts';

const why = unavailable();
/** Where a lab cannot be built: skip, saying why; in CI, fail. */
function needLab(skip: (note: string) => void) {
  if (!why) return;
  if (process.env.CI) throw new Error(why);
  skip(why);
}

const twoHosts: Session = {
  port: 12000,
  lab: 'two-hosts',
  hosts: { server: 'laptop', phone: 'phone' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0' },
    { in: 'phone', run: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi' },
    { in: 'server', interrupt: true },
  ],
};

describe('a session names its lab and a host for every terminal', () => {
  it('by the ids of the topology', () => {
    expect(topologyOf(twoHosts)).toBe(topologies['two-hosts']);
    expect(topologyOf({ port: 12000, steps: [] })).toBeUndefined();
  });

  it('refuses a lab that does not exist, a terminal without a host, a host by its label', () => {
    expect(() => topologyOf({ ...twoHosts, lab: 'three-hosts' })).toThrow(
      'there is no lab "three-hosts"',
    );
    expect(() => topologyOf({ ...twoHosts, hosts: { server: 'laptop' } })).toThrow(
      'terminal "phone" runs on no host of the lab',
    );
    expect(() =>
      topologyOf({ ...twoHosts, hosts: { server: 'notebook', phone: 'phone' } }),
    ).toThrow('the lab two-hosts has no host "notebook" (by its id)');
    expect(() => topologyOf({ ...twoHosts, lab: undefined })).toThrow('names its `lab`');
  });

  it("keeps the ports the session and the topology name, and knows the lab's addresses", () => {
    const session = {
      ...twoHosts,
      lab: 'firewall',
      hosts: { server: 'server', phone: 'laptop' },
      steps: [{ in: 'server', start: 'npx tsx examples/udp-server.ts --port 12345' }],
    };
    const ports = labPorts(session, topologies.firewall);
    expect([...ports.keys()].sort()).toEqual([12000, 12001, 12002, 12003, 12004, 12345]);
    for (const [shown, real] of ports) expect(real).toBe(shown);
    expect(labValues(topologies.firewall)).toEqual({
      addresses: ['198.51.100.10', '198.51.100.80'],
      lossy: [12001], // the port whose packets its firewall drops
    });
  });
});

describe("a lab session's golden file", () => {
  const terminals = new Map<string, TerminalLine[]>([
    [
      'server',
      [
        { kind: 'command', text: 'npx tsx examples/tcp-server.ts --host 0.0.0.0' },
        { kind: 'output', text: 'tcp server listening on 0.0.0.0:12000' },
        { kind: 'output', text: '$ a line that only looks like a command' },
        { kind: 'interrupt', text: '^C' },
      ],
    ],
    ['phone', [{ kind: 'command', text: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi' }]],
  ]);

  it("writes each host's id before its prompt, and reads the same terminals back", () => {
    const golden = formatTranscript(terminals, twoHosts);
    expect(golden).toBe(
      [
        '==> server <==',
        'laptop$ npx tsx examples/tcp-server.ts --host 0.0.0.0',
        'tcp server listening on 0.0.0.0:12000',
        '$ a line that only looks like a command',
        '^C',
        '',
        '==> phone <==',
        'phone$ npx tsx examples/tcp-client.ts --host 192.168.0.10 oi',
        '',
      ].join('\n'),
    );
    expect(parseTranscript(golden, twoHosts, 'golden')).toEqual(terminals);
  });

  it('fails when a prompt names another host than the session says', () => {
    const golden = formatTranscript(terminals, twoHosts).replace('phone$', 'laptop$');
    expect(() => parseTranscript(golden, twoHosts, 'golden')).toThrow(
      'the golden file lacks "phone$ npx tsx examples/tcp-client.ts --host 192.168.0.10 oi"',
    );
  });
});

describe("a lab capture's diagram", () => {
  const words: Words = {
    client: 'client',
    server: 'server',
    bytes: (n) => `${n} bytes`,
    unreachable: (about) => `port unreachable (${about})`,
    describe: (n, from, to, label) => `${n}. ${from} to ${to}: ${label}.`,
  };

  it("puts the side with a topology's port on the right, and draws a firewall's ICMP", () => {
    const capture = parsePackets(
      [
        'IP 198.51.100.10.⟨50001⟩ > 198.51.100.80.12004: Flags [S], seq 0, win ⟨…⟩, length 0',
        'IP 198.51.100.80 > 198.51.100.10: ICMP host 198.51.100.80 unreachable - admin prohibited, length 68',
      ],
      [12000, 12004],
    );
    expect(capture.client).toBe('198.51.100.10:⟨50001⟩');
    expect(capture.server).toBe('198.51.100.80:12004');
    expect(capture.packets.map((p) => [p.from, p.protocol, p.note])).toEqual([
      ['client', 'TCP', undefined],
      ['server', 'ICMP', 'host unreachable - admin prohibited'],
    ]);
  });

  it('names the port on each arrow where the capture goes to more than one', () => {
    const capture = parsePackets(
      [
        'IP 198.51.100.10.⟨50001⟩ > 198.51.100.80.12002: Flags [S], seq 0, win ⟨…⟩, length 0',
        'IP 198.51.100.80.12002 > 198.51.100.10.⟨50001⟩: Flags [R.], seq 0, ack 1, win ⟨…⟩, length 0',
        'IP 198.51.100.10.⟨50002⟩ > 198.51.100.80.12001: UDP, length 2',
      ],
      [12001, 12002],
    );
    expect(capture.server).toBe('198.51.100.80');
    expect(capture.packets.map((p) => labelOf(p, words))).toEqual([
      '12002: SYN · seq 0',
      '12002: RST, ACK · seq 0 · ack 1',
      '12001: UDP, 2 bytes',
    ]);
  });
});

describe('the runner and the lab', () => {
  it('says in one line that a lab cannot be built without root, as a missing tool', async () => {
    // Root without its capabilities, as in a container that may not make namespaces.
    const script = `import { missingTools } from ${JSON.stringify(`${root}src/lib/session-runner.ts`)};
console.log(missingTools(${JSON.stringify(twoHosts)}).join('\\n'));`;
    const withoutCaps = ['--bounding-set=-all', '--inh-caps=-all'];
    const run = spawnSync(
      'setpriv',
      [...withoutCaps, process.execPath, '--input-type=module', '-e', script],
      { encoding: 'utf8', timeout: 20_000 },
    );
    if (run.error || (process.getuid?.() ?? 1) !== 0) {
      // Not root here: this very process lacks the capabilities.
      expect(missingTools(twoHosts)).toEqual([`a lab (${why})`]);
      return;
    }
    expect(run.stdout).toBe(
      'a lab (the lab needs root (network namespaces take CAP_SYS_ADMIN and CAP_NET_ADMIN): run it with sudo)\n',
    );
  });

  it('removes the lab when a step fails', async ({ skip }) => {
    needLab(skip);
    const failing: Session = {
      ...twoHosts,
      steps: [
        { in: 'server', start: 'npx tsx examples/tcp-server.ts' }, // on 127.0.0.1: the phone is refused
        { in: 'phone', run: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi' },
        { in: 'server', interrupt: true },
      ],
    };
    const before = namespaceNames().filter((n) => n.startsWith(`sp${process.pid}-`));
    await expect(runSession(failing, { root })).rejects.toThrow(
      /step 2 \(terminal "phone"\): ".*" exited with 1, expected 0\n {2}\| connect ECONNREFUSED 192\.168\.0\.10:12000/,
    );
    expect(namespaceNames().filter((n) => n.startsWith(`sp${process.pid}-`))).toEqual(before);
  });

  it('refuses a capture that does not say which interface of its host it watches', async ({
    skip,
  }) => {
    needLab(skip);
    const session: Session = {
      ...twoHosts,
      hosts: { capture: 'laptop', phone: 'phone' },
      steps: [
        { in: 'capture', start: 'tcpdump -n -t port 12000' },
        { in: 'phone', run: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi', exit: 1 },
        { in: 'capture', interrupt: true },
      ],
    };
    await expect(runSession(session, { root })).rejects.toThrow(
      'step 3 (terminal "capture"): "tcpdump -n -t port 12000": a capture in a lab watches one of its host\'s interfaces: -i eth0',
    );
  });
});
