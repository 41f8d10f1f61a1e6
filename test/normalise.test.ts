// The rules of src/lib/normalise.ts, line by line: what a real run becomes in a golden file.
// Each case feeds raw output as a tool printed it and checks what the reader will see.
import { describe, expect, it } from 'vitest';
import { normalise, type LabValues } from '../src/lib/normalise.ts';
import type { TerminalLine } from '../src/lib/session.ts';

const ports = new Map([[12000, 41234]]); // shown port -> the real one of this run

/** Normalise `output` as printed by `command` in one terminal; returns the output lines. */
function after(command: string, output: string, shown = ports, lab?: LabValues): string[] {
  const lines: TerminalLine[] = [
    { kind: 'command', text: command },
    ...output.split('\n').map((text) => ({ kind: 'output' as const, text })),
  ];
  return normalise(new Map([['t', lines]]), shown, lab)
    .get('t')!
    .slice(1)
    .map((l) => l.text);
}

describe('ports', () => {
  it('write the real port back as the shown one, and number the ports the OS picked', () => {
    expect(
      after(
        'npx tsx x.ts',
        'listening on 127.0.0.1:41234\nfrom 127.0.0.1:55555 and [::1]:55555 and 0.0.0.0:40000',
      ),
    ).toEqual([
      'listening on 127.0.0.1:12000',
      'from 127.0.0.1:⟨50001⟩ and [::1]:⟨50001⟩ and 0.0.0.0:⟨50002⟩',
    ]);
  });

  it('with another IPv4 address, write back only a session port', () => {
    expect(
      after(
        'npx tsx x.ts',
        'cannot listen on 192.0.2.1:41234\nsent to 127.255.255.255:41234, not 10.0.0.1:55555 nor 1.2.3.4:5',
      ),
    ).toEqual([
      'cannot listen on 192.0.2.1:12000',
      'sent to 127.255.255.255:12000, not 10.0.0.1:55555 nor 1.2.3.4:5',
    ]);
  });

  it("follow netcat's HOST PORT lines and a bare `port N`", () => {
    expect(
      after(
        'nc -u -l -n -v 127.0.0.1 12000',
        'Bound on 127.0.0.1 41234\nConnection received on 127.0.0.1 55555\nConnection to 127.0.0.1 41234 port [udp/*] succeeded!\nno server on port 41234',
      ),
    ).toEqual([
      'Bound on 127.0.0.1 12000',
      'Connection received on 127.0.0.1 ⟨50001⟩',
      'Connection to 127.0.0.1 12000 port [udp/*] succeeded!',
      'no server on port 12000',
    ]);
  });

  it('number in order of appearance across terminals, and leave the commands alone', () => {
    const terminals = new Map<string, TerminalLine[]>([
      [
        'server',
        [
          { kind: 'command', text: 'npx tsx s.ts' },
          { kind: 'output', text: 'from 127.0.0.1:33333' },
        ],
      ],
      [
        'client',
        [
          { kind: 'command', text: 'nc 127.0.0.1 12000' },
          { kind: 'output', text: 'me 127.0.0.1:44444, them 127.0.0.1:33333' },
        ],
      ],
    ]);
    const out = normalise(terminals, ports);
    expect(out.get('server')![1].text).toBe('from 127.0.0.1:⟨50001⟩');
    expect(out.get('client')!.map((l) => l.text)).toEqual([
      'nc 127.0.0.1 12000',
      'me 127.0.0.1:⟨50002⟩, them 127.0.0.1:⟨50001⟩',
    ]);
  });
});

describe('DNS message ids', () => {
  it('become ⟨12 34⟩, ⟨12 35⟩… in order: a query and its answer, which repeats its id, share one', () => {
    const run = (first: string, second: string) =>
      after(
        'npx tsx examples/dns-query.ts curso.test',
        [
          `query: 28 bytes to 127.0.0.1:41234`,
          `  id        ${first}`,
          `  flags     01 00`,
          `answer: 44 bytes, rcode 0`,
          `  id        ${first}`,
          `  id        ${second}`,
        ].join('\n'),
      );
    const expected = [
      'query: 28 bytes to 127.0.0.1:12000',
      '  id        ⟨12 34⟩',
      '  flags     01 00',
      'answer: 44 bytes, rcode 0',
      '  id        ⟨12 34⟩',
      '  id        ⟨12 35⟩',
    ];
    expect(run('de dc', '05 53')).toEqual(expected);
    expect(run('00 01', 'ff ff')).toEqual(expected); // another run, other ids: the same golden file
  });

  it('leave other lines that mention an id alone', () => {
    expect(after('npx tsx x.ts', 'id de dc\n  id: de dc\n  id        de dc 01')).toEqual([
      'id de dc',
      '  id: de dc',
      '  id        de dc 01',
    ]);
  });
});

describe('lsof', () => {
  const table = (pid1: string, pid2: string, dev1: string, dev2: string, owner: string) => {
    const w = (s: string, n: number) => s.padStart(n);
    const p = Math.max(3, pid1.length, pid2.length);
    const d = Math.max(6, dev1.length, dev2.length);
    const u = Math.max(4, owner.length);
    return [
      `COMMAND ${w('PID', p)} ${'USER'.padEnd(u)}   FD   TYPE ${w('DEVICE', d)} SIZE/OFF NODE NAME`,
      `nc      ${w(pid1, p)} ${owner.padEnd(u)}    3u  IPv4 ${w(dev1, d)}      0t0  UDP 127.0.0.1:41234->127.0.0.1:55555`,
      `nc      ${w(pid2, p)} ${owner.padEnd(u)}    3u  IPv4 ${w(dev2, d)}      0t0  UDP 127.0.0.1:55555->127.0.0.1:41234`,
    ].join('\n');
  };

  it('PIDs, devices and the user become placeholders, and the table is aligned again', () => {
    // The same sockets, from runs where the PIDs, devices and users differ in width.
    const a = after('lsof -nP -i udp:12000', table('28257', '28291', '221770', '224268', 'root'));
    const b = after('lsof -nP -i udp:12000', table('731', '9902', '46132', '1002345', 'alice'));
    expect(a).toEqual(b);
    expect(a.map((line) => line.replace(/[⟨⟩]/g, ''))).toEqual([
      'COMMAND  PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME',
      'nc      4242 user    3u  IPv4  30001      0t0  UDP 127.0.0.1:12000->127.0.0.1:50001',
      'nc      4243 user    3u  IPv4  30002      0t0  UDP 127.0.0.1:50001->127.0.0.1:12000',
    ]);
  });
});

describe('lsof, twice in one terminal', () => {
  it('keeps the rows in the order the transcript first met each process, whatever the PIDs', () => {
    const header = 'COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME'; // as lsof aligns it
    const row = (pid: string, dev: string, name: string) =>
      `nc      ${pid.padStart(5)} root    3u  IPv4 ${dev}      0t0  UDP ${name}`;
    const server = (pid: string) => row(pid, '221770', '127.0.0.1:41234->127.0.0.1:55555');
    const client = (pid: string) => row(pid, '224268', '127.0.0.1:55555->127.0.0.1:41234');
    const run = (serverPid: string, clientPid: string) => {
      // the server alone, then both; lsof sorts by PID, so a wrapped-around client comes first
      const both = [server(serverPid), client(clientPid)].sort(
        (a, b) => Number(a.split(/ +/)[1]) - Number(b.split(/ +/)[1]),
      );
      const lines: TerminalLine[] = [
        { kind: 'command', text: 'lsof -nP -i udp:12000' },
        ...[header, server(serverPid)].map((text) => ({ kind: 'output' as const, text })),
        { kind: 'command', text: 'lsof -nP -i udp:12000' },
        ...[header, ...both].map((text) => ({ kind: 'output' as const, text })),
      ];
      return normalise(new Map([['t', lines]]), ports)
        .get('t')!
        .map((l) => l.text);
    };
    const inOrder = run('28257', '28291');
    expect(run('32760', '300')).toEqual(inOrder); // the client's PID wrapped around
    expect(inOrder[5]).toMatch(/^nc +⟨4242⟩ .*127\.0\.0\.1:12000->/);
    expect(inOrder[6]).toMatch(/^nc +⟨4243⟩ .*->127\.0\.0\.1:12000$/);
  });
});

describe('ss', () => {
  it('aligns its table by rule, whatever the iproute2 version, and sorts the rows, listening first', () => {
    // iproute2 6.1 glues "Port" and "Process"; other versions separate them or pad otherwise.
    const v61 = [
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess',
      'ESTAB  0      0          127.0.0.1:41234    127.0.0.1:55555',
      'LISTEN 0      511        127.0.0.1:41234      0.0.0.0:*',
      'ESTAB  0      0          127.0.0.1:55555    127.0.0.1:41234',
    ].join('\n');
    const other = [
      'State      Recv-Q  Send-Q   Local Address:Port     Peer Address:Port  Process',
      'LISTEN     0       511          127.0.0.1:41234         0.0.0.0:*',
      'ESTAB      0       0            127.0.0.1:55555       127.0.0.1:41234',
      'ESTAB      0       0            127.0.0.1:41234       127.0.0.1:55555',
    ].join('\n');
    const command = "ss -tan 'sport = :12000 or dport = :12000'";
    // Each run numbers its client port on first appearance; the sorted table is the same.
    const a = after(command, v61);
    expect(a).toEqual([
      'State   Recv-Q  Send-Q  Local Address:Port  Peer Address:Port',
      'LISTEN  0       511     127.0.0.1:12000     0.0.0.0:*',
      'ESTAB   0       0       127.0.0.1:12000     127.0.0.1:⟨50001⟩',
      'ESTAB   0       0       127.0.0.1:⟨50001⟩     127.0.0.1:12000',
    ]);
    expect(after(command, other).map((l) => l.replace(/⟨5000\d⟩/g, 'N'))).toEqual(
      a.map((l) => l.replace(/⟨5000\d⟩/g, 'N')),
    );
  });

  it('keeps the Process column where a row fills it, with its PIDs numbered', () => {
    const out = after(
      'ss -uanp "sport = :12000"',
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\nUNCONN 0      0          127.0.0.1:41234      0.0.0.0:*    users:(("nc",pid=28257,fd=3))',
    );
    expect(out).toEqual([
      'State   Recv-Q  Send-Q  Local Address:Port  Peer Address:Port  Process',
      'UNCONN  0       0       127.0.0.1:12000     0.0.0.0:*          users:(("nc",pid=⟨4242⟩,fd=3))',
    ]);
  });

  it('hides the time left on a socket timer (ss -o), which counts down and is printed differently by each version', () => {
    const command = 'ss -tno state established sport = :12000 or dport = :12000';
    const run = (left: string) =>
      after(
        command,
        [
          'Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
          `0      0          127.0.0.1:41234    127.0.0.1:55555 timer:(keepalive,${left},0)`,
          '0      0          127.0.0.1:55555    127.0.0.1:41234',
        ].join('\n'),
      );
    expect(run('9.684ms')).toEqual([
      'Recv-Q  Send-Q  Local Address:Port  Peer Address:Port  Process',
      '0       0       127.0.0.1:12000     127.0.0.1:⟨50001⟩    timer:(keepalive,⟨…⟩,0)',
      '0       0       127.0.0.1:⟨50001⟩     127.0.0.1:12000',
    ]);
    // iproute2 6.1 writes 9 s 684 ms as "9.684ms"; a later second, or another version, reads otherwise.
    for (const left of ['8.031ms', '9sec', '1min5sec', '9.684sec'])
      expect(run(left)).toEqual(run('9.684ms'));
    // The name of the timer and the count (of keepalive probes, of retransmissions) stay.
    expect(
      after(
        'ss -tno',
        'State Recv-Q Send-Q Local Address:Port Peer Address:Port\nTIME-WAIT 0 0 127.0.0.1:55555 127.0.0.1:41234 timer:(timewait,59sec,0)',
      )[1],
    ).toMatch(/timer:\(timewait,⟨…⟩,0\)$/);
  });

  it('leaves output that is not a table alone', () => {
    expect(after('ss -V', 'ss utility, iproute2-6.1.0')).toEqual(['ss utility, iproute2-6.1.0']);
  });
});

describe('Python tracebacks', () => {
  it('read the same on Python 3.12 and 3.13 (which also prints the source line, with the real port)', () => {
    const command = `python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 12000))"`;
    const py312 =
      'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nOSError: [Errno 98] Address already in use';
    const py313 = [
      'Traceback (most recent call last):',
      '  File "<string>", line 1, in <module>',
      "    import socket; s = socket.socket(); s.bind(('127.0.0.1', 41234))",
      '                                        ~~~~~~^^^^^^^^^^^^^^^^^^^^^^',
      'OSError: [Errno 98] Address already in use',
    ].join('\n');
    const expected = [
      'Traceback (most recent call last):',
      '  ⟨…⟩',
      'OSError: [Errno 98] Address already in use',
    ];
    expect(after(command, py312)).toEqual(expected);
    expect(after(command, py313)).toEqual(expected);
  });

  it('leave the output of a program that is not Python alone', () => {
    const text = 'Traceback (most recent call last):\n  File "x", line 1';
    expect(after('cat notes.txt', text)).toEqual(text.split('\n'));
  });
});

describe('packet captures (tcpdump -n -t)', () => {
  const command = 'sudo tcpdump -i lo -n -t port 12000';
  // A real capture: the server's real port was 45999, the client's 55618.
  const raw = [
    'IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [S], seq 3978539290, win 65495, options [mss 65495,sackOK,TS val 1187085702 ecr 0,nop,wscale 10], length 0',
    'IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [S.], seq 1277547813, ack 3978539291, win 65483, options [mss 65495,sackOK,TS val 1809145181 ecr 1187085702,nop,wscale 10], length 0',
    'IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [.], ack 1, win 64, options [nop,nop,TS val 1187085702 ecr 1809145181], length 0',
    'IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [P.], seq 1:6, ack 1, win 64, options [nop,nop,TS val 1187085702 ecr 1809145181], length 5',
    'IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [R.], seq 6, ack 1, win 64, options [nop,nop,TS val 1187085702 ecr 1809145181], length 0',
  ].join('\n');
  const shown = new Map([[12000, 45999]]);

  it('write ports back, make sequence numbers relative, and hide what the kernel or the run chose', () => {
    expect(after(command, raw, shown)).toEqual([
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [S], seq 0, win ⟨…⟩, options [mss 65495,sackOK,TS val ⟨…⟩ ecr ⟨…⟩,nop,wscale ⟨…⟩], length 0',
      'IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [S.], seq 0, ack 1, win ⟨…⟩, options [mss 65495,sackOK,TS val ⟨…⟩ ecr ⟨…⟩,nop,wscale ⟨…⟩], length 0',
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [.], ack 1, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 0',
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq 1:6, ack 1, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 5',
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [R.], seq 6, ack 1, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 0',
    ]);
  });

  it('read the same from another run: other ports, other initial sequence numbers, another window scale', () => {
    const other = raw
      .replaceAll('45999', '41000')
      .replaceAll('55618', '60001')
      .replace('seq 3978539290', 'seq 12')
      .replace('ack 3978539291', 'ack 13')
      .replace('seq 1277547813', 'seq 99999')
      .replaceAll('wscale 10', 'wscale 7')
      .replaceAll('win 64', 'win 512');
    expect(after(command, other, new Map([[12000, 41000]]))).toEqual(after(command, raw, shown));
  });

  it('drop a retransmission: a segment its sender already sent (the machine stalled a process past the timeout)', () => {
    const fin =
      'IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [F.], seq 13, ack 6, win 64, options [nop,nop,TS val 1809145190 ecr 1187085702], length 0';
    const again = fin.replace('TS val 1809145190', 'TS val 1809145400'); // the same FIN, 210 ms later
    const reply =
      'IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [F.], seq 6, ack 14, win 64, options [nop,nop,TS val 1187085910 ecr 1809145400], length 0';
    expect(after(command, [raw, fin, again, reply].join('\n'), shown)).toEqual(
      after(command, [raw, fin, reply].join('\n'), shown),
    );
    expect(after(command, [raw, fin, reply].join('\n'), shown)).toHaveLength(7);
  });

  it("drop a bare ACK that the sender's next segment, a FIN, repeats (sent alone only when the program was slow to close)", () => {
    const o = ', win 64, options [nop,nop,TS val 1 ecr 2]';
    const serverFin = `IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [F.], seq 13, ack 6${o}, length 0`;
    const clientFin = `IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [F.], seq 6, ack 14${o}, length 0`;
    const lastAck = `IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [.], ack 7${o}, length 0`;
    const slowClient = `IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [.], ack 14${o}, length 0`;
    const quick = after(command, [raw, serverFin, clientFin, lastAck].join('\n'), shown);
    expect(
      after(command, [raw, serverFin, slowClient, clientFin, lastAck].join('\n'), shown),
    ).toEqual(quick);
    // An ACK followed by data from its sender, not a FIN, stays: it is the ACK the lesson shows.
    expect(quick.filter((l) => l.includes('Flags [.], ack 1,'))).toHaveLength(1);
  });

  it('make the number of a bare RST (no ACK flag) relative: tcpdump prints it absolute', () => {
    // A real capture: the server closed (FIN), the client wrote 6 bytes, the server's kernel reset.
    const late = [
      'IP 127.0.0.1.50390 > 127.0.0.1.44321: Flags [S], seq 1835290153, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 10], length 0',
      'IP 127.0.0.1.44321 > 127.0.0.1.50390: Flags [S.], seq 2634568024, ack 1835290154, win 65483, options [mss 65495,sackOK,TS val 2 ecr 1,nop,wscale 10], length 0',
      'IP 127.0.0.1.50390 > 127.0.0.1.44321: Flags [.], ack 1, win 64, options [nop,nop,TS val 1 ecr 2], length 0',
      'IP 127.0.0.1.44321 > 127.0.0.1.50390: Flags [F.], seq 1, ack 1, win 64, options [nop,nop,TS val 3 ecr 1], length 0',
      'IP 127.0.0.1.50390 > 127.0.0.1.44321: Flags [.], ack 2, win 64, options [nop,nop,TS val 4 ecr 3], length 0',
      'IP 127.0.0.1.50390 > 127.0.0.1.44321: Flags [P.], seq 1:7, ack 2, win 64, options [nop,nop,TS val 5 ecr 3], length 6',
      'IP 127.0.0.1.44321 > 127.0.0.1.50390: Flags [R], seq 2634568026, win 0, length 0',
    ].join('\n');
    expect(after(command, late, new Map([[12000, 44321]])).slice(3)).toEqual([
      'IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [F.], seq 1, ack 1, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 0',
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [.], ack 2, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 0',
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq 1:7, ack 2, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 6',
      'IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [R], seq 2, win ⟨…⟩, length 0',
    ]);
  });

  it('make the RST that refuses a SYN relative too, and keep only ICMP about the session’s ports', () => {
    const refused = [
      'IP 127.0.0.1.50636 > 127.0.0.1.45998: Flags [S], seq 2327174910, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 10], length 0',
      'IP 127.0.0.1.45998 > 127.0.0.1.50636: Flags [R.], seq 0, ack 2327174911, win 0, length 0',
      'IP 127.0.0.1.45034 > 127.0.0.1.45998: UDP, length 1',
      'IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 udp port 45998 unreachable, length 37',
      'IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 udp port 33333 unreachable, length 37',
      'IP6 ::1.45034 > ::1.45998: UDP, length 1',
    ].join('\n');
    expect(after(command, refused, new Map([[12000, 45998]]))).toEqual([
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [S], seq 0, win ⟨…⟩, options [mss 65495,sackOK,TS val ⟨…⟩ ecr ⟨…⟩,nop,wscale ⟨…⟩], length 0',
      'IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [R.], seq 0, ack 1, win ⟨…⟩, length 0',
      'IP 127.0.0.1.⟨50002⟩ > 127.0.0.1.12000: UDP, length 1',
      'IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 udp port 12000 unreachable, length 37',
      'IP6 ::1.⟨50002⟩ > ::1.12000: UDP, length 1',
    ]);
  });
});

describe('packet captures with their bytes (tcpdump -A)', () => {
  const command =
    "sudo tcpdump -i lo -n -t -A 'port 12000 and tcp[tcpflags] & (tcp-syn|tcp-push) != 0'";
  const shown = new Map([[12000, 45999]]);
  const opts = 'options [nop,nop,TS val 1187085702 ecr 1809145181]';
  // Real lines: below each packet, its bytes as tcpdump -A prints them, headers first (a byte of
  // them may be a newline, so they may take several lines), then the payload.
  const syn = [
    'IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [S], seq 3978539290, win 65495, options [mss 65495,sackOK,TS val 1187085702 ecr 0,nop,wscale 10], length 0',
    'E..<.|@.@.9>.........J.....".........0.........',
    "~'EB.......",
    'IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [S.], seq 1277547813, ack 3978539291, win 65483, options [mss 65495,sackOK,TS val 1809145181 ecr 1187085702,nop,wscale 10], length 0',
    'E..<..@.@.<............J...}...#.....0.........',
    "i...~'EB...",
  ];
  const clear = [
    ...syn,
    `IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [P.], seq 1:20, ack 1, win 64, ${opts}, length 19`,
    'E..G.~@.@.91.........J.....#...~...@.;.....',
    "~'E.i...password=swordfish",
    '',
    `IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [P.], seq 1:20, ack 20, win 64, ${opts}, length 19`,
    'E..G^O@.@.._...........J...~...6...@.;.....',
    "i...~'E.password=swordfish",
    '',
  ];

  it('keep only the payload of each packet, as the text it is', () => {
    expect(after(command, clear.join('\n'), shown)).toEqual([
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [S], seq 0, win ⟨…⟩, options [mss 65495,sackOK,TS val ⟨…⟩ ecr ⟨…⟩,nop,wscale ⟨…⟩], length 0',
      'IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [S.], seq 0, ack 1, win ⟨…⟩, options [mss 65495,sackOK,TS val ⟨…⟩ ecr ⟨…⟩,nop,wscale ⟨…⟩], length 0',
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq 1:20, ack 1, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 19',
      'password=swordfish',
      'IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [P.], seq 1:20, ack 20, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 19',
      'password=swordfish',
    ]);
  });

  it('read the same whatever the header bytes were, even when one of them was a newline', () => {
    const other = clear.map((line) =>
      line.replace(
        'E..G.~@.@.91.........J.....#...~...@.;.....',
        'E..G.x@.@.\n.....z....J..Q..#...~...@.;..',
      ),
    );
    expect(after(command, other.join('\n'), shown)).toEqual(
      after(command, clear.join('\n'), shown),
    );
  });

  it('write a payload that is not text as ⟨unreadable⟩, and the numbers that follow from it as ⟨…⟩', () => {
    const tls = [
      ...syn,
      `IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [P.], seq 1:1587, ack 1, win 64, ${opts}, length 1586`,
      'E..f..@.@.R..........n.......).T...@.[.....',
      `.l@P.\\......-...)........L....,?W.9.....e.m.Z...p.. w....D...${'.x9'.repeat(508)}`,
      `IP 127.0.0.1.45999 > 127.0.0.1.55618: Flags [P.], seq 1:1877, ack 1587, win 64, ${opts}, length 1876`,
      'E.....@.@..............n.).T..%....R.}.....',
      '.\\...l@P...........T.......',
      `+...Q.~.rM..!......Q.Z.. w....D...${'Q..'.repeat(615)}`,
      '_',
      `IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [P.], seq 1587:1708, ack 1877, win 64, ${opts}, length 121`,
      'E.....@.@.X..........n....%..).....W.......',
      `.l@Z.\\............E....{..w...3.....p.c]......${'=.c'.repeat(33)}`,
    ].join('\n');
    const out = after(command, tls, shown);
    expect(out.slice(2)).toEqual([
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq ⟨…⟩:⟨…⟩, ack ⟨…⟩, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length ⟨…⟩',
      '⟨unreadable⟩',
      'IP 127.0.0.1.12000 > 127.0.0.1.⟨50001⟩: Flags [P.], seq ⟨…⟩:⟨…⟩, ack ⟨…⟩, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length ⟨…⟩',
      '⟨unreadable⟩',
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq ⟨…⟩:⟨…⟩, ack ⟨…⟩, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length ⟨…⟩',
      '⟨unreadable⟩',
    ]);
    // Another run: the server's answer two bytes longer (its signature), so every number after it moves.
    const longer = tls
      .replace('seq 1:1877, ack 1587', 'seq 1:1879, ack 1587')
      .replace('length 1876', 'length 1878')
      .replace('ack 1877', 'ack 1879');
    expect(after(command, longer.replace('Q.Z..', 'Q.Z....'), shown)).toEqual(out);
  });

  it('keep a long word readable in an unreadable payload, the name a TLS ClientHello carries in clear', () => {
    const hello = [
      ...syn,
      `IP 127.0.0.1.55618 > 127.0.0.1.45999: Flags [P.], seq 1:1587, ack 1, win 64, ${opts}, length 1586`,
      'E..f..@.@.R..........n.......).T...@.[.....',
      `.l@P.\\......-...)........L....,?W.9...\tlocalhost.........${'.x9'.repeat(500)}`,
    ];
    expect(after(command, hello.join('\n'), shown).slice(2)).toEqual([
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq ⟨…⟩:⟨…⟩, ack ⟨…⟩, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length ⟨…⟩',
      '⟨unreadable⟩localhost⟨unreadable⟩',
    ]);
    // Shorter runs of letters, as random bytes spell them, are not words.
    const noise = hello.map((line) => line.replace('localhost', 'localhst'));
    expect(after(command, noise.join('\n'), shown).slice(2)[1]).toBe('⟨unreadable⟩');
  });

  it('drop a retransmission with its bytes, and tell apart two packets that only the hidden numbers separate', () => {
    const again = [...clear.slice(0, 10), ...clear.slice(6, 10), ...clear.slice(10)];
    expect(after(command, again.join('\n'), shown)).toEqual(
      after(command, clear.join('\n'), shown),
    );
  });

  it('keep a capture without -A as it was: no line is taken for bytes', () => {
    const plain = 'sudo tcpdump -i lo -n -t port 12000';
    expect(after(plain, clear.filter((l) => l.startsWith('IP ')).join('\n'), shown)[2]).toBe(
      'IP 127.0.0.1.⟨50001⟩ > 127.0.0.1.12000: Flags [P.], seq 1:20, ack 1, win ⟨…⟩, options [nop,nop,TS val ⟨…⟩ ecr ⟨…⟩], length 19',
    );
  });
});

describe('openssl', () => {
  const req =
    'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost';

  it('req: its line of dashes stays, the progress dots some keys print join it', () => {
    expect(after(req, '-----')).toEqual(['-----']);
    expect(
      after(
        req.replace('ec -pkeyopt ec_paramgen_curve:P-256', 'rsa:2048'),
        '...+.....+++++\n.+..+++++\n-----',
      ),
    ).toEqual(['-----']);
    expect(after(req, 'req: Use -help for summary.')).toEqual(['req: Use -help for summary.']);
  });

  it('x509: a name reads the same, CN = localhost or CN=localhost', () => {
    const x509 = 'openssl x509 -in cert.pem -noout -subject -issuer -ext subjectAltName';
    const lines = [
      'subject=CN = localhost',
      'issuer=CN = localhost',
      'X509v3 Subject Alternative Name:',
      '    DNS:localhost, IP Address:127.0.0.1',
    ];
    expect(after(x509, lines.join('\n'))).toEqual(lines);
    expect(after(x509, lines.join('\n').replaceAll(' = ', '='))).toEqual(lines);
  });

  const sClient =
    'openssl s_client -connect 127.0.0.1:12443 -servername localhost -verify_hostname localhost -CAfile cert.pem -brief';
  // OpenSSL 3.0 (Debian 12, Ubuntu 24.04) and 3.5 against the same Node 24 server.
  const v30 = [
    'CONNECTION ESTABLISHED',
    'Protocol version: TLSv1.3',
    'Ciphersuite: TLS_AES_256_GCM_SHA384',
    'Peer certificate: CN = localhost',
    'Hash used: SHA256',
    'Signature type: ECDSA',
    'Verification: OK',
    'Verified peername: localhost',
    'Server Temp Key: X25519, 253 bits',
    'DONE',
  ];
  const v35 = [
    'Connecting to 127.0.0.1',
    'CONNECTION ESTABLISHED',
    'Protocol version: TLSv1.3',
    'Ciphersuite: TLS_AES_256_GCM_SHA384',
    'Peer certificate: CN=localhost',
    'Hash used: SHA256',
    'Signature type: ecdsa_secp256r1_sha256',
    'Verification: OK',
    'Verified peername: localhost',
    'Negotiated TLS1.3 group: X25519MLKEM768',
    'DONE',
  ];

  it('s_client -brief: what 3.0 and 3.5 print differently reads the same, marked where it varies', () => {
    const expected = [
      ...v30.slice(0, 5),
      'Signature type: ⟨ECDSA⟩',
      ...v30.slice(6, 8),
      '⟨Server Temp Key: X25519, 253 bits⟩',
      'DONE',
    ];
    expect(after(sClient, v30.join('\n'))).toEqual(expected);
    expect(after(sClient, v35.join('\n'))).toEqual(expected);
    expect(
      after(
        sClient,
        v35
          .join('\n')
          .replace('Negotiated TLS1.3 group: X25519MLKEM768', 'Peer Temp Key: X25519, 253 bits'),
      ),
    ).toEqual(expected);
  });

  it('s_client: a verification error names the certificate the same way', () => {
    expect(
      after(sClient, 'depth=0 CN=localhost\nverify error:num=18:self-signed certificate'),
    ).toEqual(['depth=0 CN = localhost', 'verify error:num=18:self-signed certificate']);
  });
});

describe('in a lab (session-lab.ts)', () => {
  // The firewall lab: its ports are shown as themselves, its addresses are fixed.
  const labPorts = new Map([12000, 12001, 12002].map((p) => [p, p]));
  const lab: LabValues = { addresses: ['198.51.100.10', '198.51.100.80'], lossy: [12001] };

  it("keep the lab's addresses and ports, and number a client's port next to a lab address", () => {
    const output = [
      'connected from 198.51.100.10:41234 to 198.51.100.80:12002',
      'connection 198.51.100.10:41234 -> 198.51.100.80:12002',
      'not a lab address: 192.0.2.7:41234',
    ].join('\n');
    expect(after('npx tsx x.ts', output, labPorts, lab)).toEqual([
      'connected from 198.51.100.10:⟨50001⟩ to 198.51.100.80:12002',
      'connection 198.51.100.10:⟨50001⟩ -> 198.51.100.80:12002',
      'not a lab address: 192.0.2.7:41234',
    ]);
    // Without the lab's addresses, the client's port would have stayed as this run printed it.
    expect(after('npx tsx x.ts', output, labPorts)[0]).toBe(
      'connected from 198.51.100.10:41234 to 198.51.100.80:12002',
    );
  });

  const command = 'tcpdump -i eth0 -n -t tcp port 12001';
  const syn = (port: number, seq: number, ts: number) =>
    `IP 198.51.100.10.40000 > 198.51.100.80.${port}: Flags [S], seq ${seq}, win 64240, options [mss 1460,sackOK,TS val ${ts} ecr 0,nop,wscale 10], length 0`;

  it('keep a SYN that its sender repeats to a port the lab drops packets to: the capture is about it', () => {
    const repeated = [syn(12001, 77, 1000), syn(12001, 77, 2013)].join('\n');
    const shown =
      'IP 198.51.100.10.⟨50001⟩ > 198.51.100.80.12001: Flags [S], seq 0, win ⟨…⟩, options [mss 1460,sackOK,TS val ⟨…⟩ ecr ⟨…⟩,nop,wscale ⟨…⟩], length 0';
    expect(after(command, repeated, labPorts, lab)).toEqual([shown, shown]);
  });

  it('drop it anywhere else, as on loopback: a port the lab does not drop packets to', () => {
    const repeated = [syn(12002, 77, 1000), syn(12002, 77, 2013)].join('\n');
    expect(after(command, repeated, labPorts, lab)).toHaveLength(1);
  });

  it('keep an ICMP message that names no port (a firewall that says "host prohibited")', () => {
    const icmp =
      'IP 198.51.100.80 > 198.51.100.10: ICMP host 198.51.100.80 unreachable - admin prohibited, length 68';
    expect(after(command, icmp, labPorts, lab)).toEqual([icmp]);
  });
});
