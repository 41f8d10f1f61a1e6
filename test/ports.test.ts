// The sockets and ports lesson: examples/ports.ts, run as a real process over loopback.
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { finish, oneLineWith, runExample, runWithoutProc } from './processes.ts';
import { portBelowEphemeral } from '../src/lib/processes.ts';

const ADDRESS = String.raw`(127\.0\.0\.1|\[::1\]):(\d+)`;

/** The numbers ports.ts printed, read back from its output. */
function parse(stdout: string) {
  const one = (pattern: string) => {
    const m = new RegExp(pattern, 'm').exec(stdout);
    if (!m) throw new Error(`no line matching ${pattern} in:\n${stdout}`);
    return m.slice(1);
  };
  const [, tcp] = one(`^TCP server listening on ${ADDRESS} `);
  const [, udp] = one(`^UDP socket bound to +${ADDRESS} \\(same number, other protocol\\)$`);
  const [, tcpFrom] = one(`^TCP server got "hello over TCP" from ${ADDRESS}$`);
  const [, udpFrom] = one(`^UDP socket got "hello over UDP" from ${ADDRESS}$`);
  return { tcp, udp, tcpFrom, udpFrom };
}

describe.concurrent('ports.ts', () => {
  it('binds TCP and UDP to the port number the OS chose, and each message reaches its own protocol’s socket', async ({
    expect,
  }) => {
    const r = await finish(runExample('ports.ts', ['--port', '0']));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ephemeral ports here: \d+ to \d+\n/);
    expect(r.stdout).toContain('(port 0: the OS chose it)');
    const n = parse(r.stdout);
    // One number, two protocols.
    expect(n.udp).toBe(n.tcp);
    expect(Number(n.tcp)).toBeGreaterThan(0);
    // Each client came from an ephemeral port of its own: neither called bind().
    expect(n.tcpFrom).not.toBe(n.tcp);
    expect(n.udpFrom).not.toBe(n.tcp);
    // The order of the lines: the TCP message, then the datagram, each on its own socket.
    expect(r.stdout).toMatch(
      /^TCP server got "hello over TCP" from .*\nUDP socket got "hello over UDP" from /m,
    );
  });

  it.runIf(process.platform === 'linux')(
    'picks the TCP port from the range it prints (Linux)',
    async ({ expect }) => {
      const r = await finish(runExample('ports.ts', ['--port', '0']));
      const m = /^ephemeral ports here: (\d+) to (\d+)/.exec(r.stdout);
      expect(m).not.toBeNull();
      const port = Number(parse(r.stdout).tcp);
      expect(port).toBeGreaterThanOrEqual(Number(m![1]));
      expect(port).toBeLessThanOrEqual(Number(m![2]));
    },
  );

  it('works on the IPv6 loopback too', async ({ expect }) => {
    const r = await finish(runExample('ports.ts', ['--host', '::1', '--port', '0']));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TCP server listening on \[::1\]:\d+ /m);
    const n = parse(r.stdout);
    expect(n.udp).toBe(n.tcp);
  });

  it('uses a port it is given, and says that UDP is taken while TCP was free (EADDRINUSE), exit 1', async ({
    expect,
  }) => {
    // A port below the ephemeral range: the kernel hands it to no one else (say, to another
    // test's client) between our UDP bind and the example's TCP listen.
    const port = await portBelowEphemeral();
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(port, '127.0.0.1', resolve));
    try {
      const r = await finish(runExample('ports.ts', ['--port', String(port)]));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        `TCP server listening on 127.0.0.1:${port} (you asked for port ${port})`,
      );
      expect(r.stderr).toMatch(oneLineWith('EADDRINUSE'));
      expect(r.stderr).toMatch(/^bind /); // UDP's bind, not TCP's listen
    } finally {
      udp.close();
    }
  });

  it('says in one line that an address is not this machine’s (EADDRNOTAVAIL), exit 1', async ({
    expect,
  }) => {
    const r = await finish(runExample('ports.ts', ['--host', '192.0.2.1', '--port', '0']));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(oneLineWith('EADDRNOTAVAIL'));
  });
});

describe('ports.ts without /proc (macOS, Windows)', () => {
  it('says which range those systems use instead', async () => {
    const r = await finish(runWithoutProc('ports.ts', ['--port', '0']));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'no /proc/sys/net/ipv4/ip_local_port_range here (not Linux?): macOS and Windows use 49152 to 65535',
    );
    expect(lines).toHaveLength(5);
  });
});
