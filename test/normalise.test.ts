// The rules of src/lib/normalise.ts, line by line: what a real run becomes in a golden file.
// Each case feeds raw output as a tool printed it and checks what the reader will see.
import { describe, expect, it } from 'vitest';
import { normalise } from '../src/lib/normalise.ts';
import type { TerminalLine } from '../src/lib/session.ts';

const ports = new Map([[12000, 41234]]); // shown port -> the real one of this run

/** Normalise `output` as printed by `command` in one terminal; returns the output lines. */
function after(command: string, output: string, shown = ports): string[] {
  const lines: TerminalLine[] = [
    { kind: 'command', text: command },
    ...output.split('\n').map((text) => ({ kind: 'output' as const, text })),
  ];
  return normalise(new Map([['t', lines]]), shown).get('t')!.slice(1).map((l) => l.text);
}

describe('ports', () => {
  it('write the real port back as the shown one, and number the ports the OS picked', () => {
    expect(after('npx tsx x.ts', 'listening on 127.0.0.1:41234\nfrom 127.0.0.1:55555 and [::1]:55555 and 0.0.0.0:40000')).toEqual([
      'listening on 127.0.0.1:12000',
      'from 127.0.0.1:⟨50001⟩ and [::1]:⟨50001⟩ and 0.0.0.0:⟨50002⟩',
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
      ['server', [{ kind: 'command', text: 'npx tsx s.ts' }, { kind: 'output', text: 'from 127.0.0.1:33333' }]],
      ['client', [{ kind: 'command', text: 'nc 127.0.0.1 12000' }, { kind: 'output', text: 'me 127.0.0.1:44444, them 127.0.0.1:33333' }]],
    ]);
    const out = normalise(terminals, ports);
    expect(out.get('server')![1].text).toBe('from 127.0.0.1:⟨50001⟩');
    expect(out.get('client')!.map((l) => l.text)).toEqual(['nc 127.0.0.1 12000', 'me 127.0.0.1:⟨50002⟩, them 127.0.0.1:⟨50001⟩']);
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
    expect(after(command, other).map((l) => l.replace(/⟨5000\d⟩/g, 'N'))).toEqual(a.map((l) => l.replace(/⟨5000\d⟩/g, 'N')));
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
    for (const left of ['8.031ms', '9sec', '1min5sec', '9.684sec']) expect(run(left)).toEqual(run('9.684ms'));
    // The name of the timer and the count (of keepalive probes, of retransmissions) stay.
    expect(after('ss -tno', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\nTIME-WAIT 0 0 127.0.0.1:55555 127.0.0.1:41234 timer:(timewait,59sec,0)')[1]).toMatch(
      /timer:\(timewait,⟨…⟩,0\)$/,
    );
  });

  it('leaves output that is not a table alone', () => {
    expect(after('ss -V', 'ss utility, iproute2-6.1.0')).toEqual(['ss utility, iproute2-6.1.0']);
  });
});

describe('Python tracebacks', () => {
  it('read the same on Python 3.12 and 3.13 (which also prints the source line, with the real port)', () => {
    const command = `python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 12000))"`;
    const py312 = 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nOSError: [Errno 98] Address already in use';
    const py313 = [
      'Traceback (most recent call last):',
      '  File "<string>", line 1, in <module>',
      "    import socket; s = socket.socket(); s.bind(('127.0.0.1', 41234))",
      '                                        ~~~~~~^^^^^^^^^^^^^^^^^^^^^^',
      'OSError: [Errno 98] Address already in use',
    ].join('\n');
    const expected = ['Traceback (most recent call last):', '  ⟨…⟩', 'OSError: [Errno 98] Address already in use'];
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
