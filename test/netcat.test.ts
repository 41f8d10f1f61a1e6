// The "UDP from the terminal" lesson: what it claims about netcat-openbsd, lsof, ss
// and connected UDP sockets, checked with the real tools over loopback.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { freePort, listeningPort } from '../src/lib/processes.ts';
import { PATIENCE_MS, finish, has, run, startServer, type Run } from './processes.ts';

const [nc, lsof, ss] = [has('nc'), has('lsof'), has('ss')];

/** `nc -u -l -n -v 127.0.0.1 0`: netcat-openbsd on a port the OS picks, which -v tells. */
async function ncServer(): Promise<Run & { port: number }> {
  const server = run('nc', ['-u', '-l', '-n', '-v', '127.0.0.1', '0']);
  return Object.assign(server, { port: await listeningPort(server) });
}

/**
 * An nc client that sends `line`, its input left open: it ends on a refusal (ECONNREFUSED), or
 * when the test stops it, never on a timer of its own.
 */
function ncClient(host: string, port: number, line: string): Run {
  const client = run('nc', ['-u', '-n', host, String(port)]);
  client.child.stdin!.write(line);
  return client;
}

function bound(socket: Socket, port = 0): Promise<number> {
  return new Promise((resolve) =>
    socket.bind(port, '127.0.0.1', () => resolve(socket.address().port)),
  );
}

describe.concurrent('netcat-openbsd, as the lesson teaches it', () => {
  it.runIf(nc)(
    'is the variant installed here, and prints "Bound on" with -v',
    async ({ expect }) => {
      const help = await finish(run('nc', ['-h']));
      expect(help.stdout + help.stderr).toMatch(/^OpenBSD netcat/);
      const server = await ncServer();
      expect(server.port).toBeGreaterThan(0);
      server.child.kill('SIGINT');
    },
  );

  it.runIf(nc)(
    'carries a typed line both ways: the server answers the first client',
    async ({ expect }) => {
      const server = await ncServer();
      const client = ncClient('127.0.0.1', server.port, 'olá, servidor\n');
      await server.waitFor('olá, servidor\n');
      expect(server.stderr()).toMatch(/Connection received on 127\.0\.0\.1 \d+\n/);
      server.child.stdin!.write('oi, cliente\n');
      await client.waitFor('\n');
      expect(client.stdout()).toBe('oi, cliente\n');
    },
  );

  it.runIf(nc)(
    'never hears a second client: its socket is connected to the first (the kernel refuses the rest)',
    async ({ expect }) => {
      const server = await ncServer();
      const first = ncClient('127.0.0.1', server.port, 'first\n');
      await server.waitFor('first\n');
      // The second client's input stays open: only the refusal can end it (or finish()'s limit).
      const second = await finish(ncClient('127.0.0.1', server.port, 'second\n'));
      expect(second.code).toBe(0); // netcat ends quietly on the refusal (ECONNREFUSED)
      // The first client's next line comes after the second's datagram, which never arrived.
      first.child.stdin!.write('third\n');
      await server.waitFor('third\n');
      expect(server.stdout()).toBe('first\nthird\n');
    },
  );

  it.runIf(nc)(
    '-uv says "succeeded" after probing with X bytes, which the server prints',
    async ({ expect }) => {
      const server = await ncServer();
      const probe = await finish(
        run('nc', ['-u', '-n', '-v', '-w1', '127.0.0.1', String(server.port)]),
      );
      expect(probe.code).toBe(0);
      expect(probe.stderr).toBe(`Connection to 127.0.0.1 ${server.port} port [udp/*] succeeded!\n`);
      await server.waitFor('XXX');
      expect(server.stdout()).toBe('XXX');
    },
  );

  it.runIf(nc)(
    '-uv with nobody there, on loopback: refused at once, nothing printed, exit 1',
    async ({ expect }) => {
      const port = await freePort();
      const probe = await finish(run('nc', ['-u', '-n', '-v', '-w1', '127.0.0.1', String(port)]));
      expect(probe.code).toBe(1);
      expect(probe.stdout + probe.stderr).toBe('');
    },
  );

  it.runIf(nc)(
    'to ::1, a server on 127.0.0.1 hears nothing; netcat gets the refusal and ends',
    async ({ expect }) => {
      const server = await startServer('udp-server.ts');
      // Its input stays open: only the refusal can end it (or finish()'s limit).
      const r = await finish(ncClient('::1', server.port, 'olá\n'));
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const ok = ncClient('127.0.0.1', server.port, 'olá\n');
      await ok.waitFor('\n');
      expect(ok.stdout()).toBe('olá\n');
      await server.waitFor('"olá\\n"');
      expect(server.stdout().match(/bytes from/g)).toHaveLength(1); // the datagram to ::1 never arrived
    },
  );
});

describe.concurrent('lsof and ss see the connected sockets', () => {
  it.runIf(nc && lsof)('lsof: no arrow before a client, two arrows after', async ({ expect }) => {
    const server = await ncServer();
    const before = await finish(run('lsof', ['-nP', '-i', `udp:${server.port}`]));
    expect(before.stdout).toMatch(new RegExp(`UDP 127\\.0\\.0\\.1:${server.port} *\\n$`)); // no arrow
    const client = run('nc', ['-u', '-n', '127.0.0.1', String(server.port)]);
    client.child.stdin!.write('olá\n');
    await server.waitFor('olá');
    const after = await finish(run('lsof', ['-nP', '-i', `udp:${server.port}`]));
    const arrows = after.stdout.match(/UDP 127\.0\.0\.1:(\d+)->127\.0\.0\.1:(\d+)/g) ?? [];
    expect(arrows).toHaveLength(2);
    const clientPort = /Connection received on 127\.0\.0\.1 (\d+)/.exec(server.stderr())![1];
    expect(arrows).toContain(`UDP 127.0.0.1:${server.port}->127.0.0.1:${clientPort}`);
    expect(arrows).toContain(`UDP 127.0.0.1:${clientPort}->127.0.0.1:${server.port}`);
  });

  it.runIf(nc && ss)('ss: UNCONN before a client, ESTAB after', async ({ expect }) => {
    const server = await ncServer();
    const filter = `sport = :${server.port} or dport = :${server.port}`;
    const before = await finish(run('ss', ['-uanp', filter]));
    expect(before.stdout).toMatch(/^UNCONN .*"nc",pid=\d+/m);
    const client = run('nc', ['-u', '-n', '127.0.0.1', String(server.port)]);
    client.child.stdin!.write('olá\n');
    await server.waitFor('olá');
    const after = await finish(run('ss', ['-uanp', filter]));
    expect(after.stdout.match(/^ESTAB /gm)).toHaveLength(2);
    expect(after.stdout).not.toMatch(/^UNCONN/m);
  });

  it.runIf(ss)('our echo server does not connect: its socket stays UNCONN', async ({ expect }) => {
    const server = await startServer('udp-server.ts');
    const out = await finish(run('ss', ['-uan', `sport = :${server.port}`]));
    expect(out.stdout).toMatch(
      new RegExp(`^UNCONN .*127\\.0\\.0\\.1:${server.port} +0\\.0\\.0\\.0:\\*`, 'm'),
    );
  });
});

describe.concurrent('connected UDP sockets in Node (what netcat does)', () => {
  it('connect() sends nothing; it fixes the peer and filters what arrives', async ({ expect }) => {
    const server = createSocket('udp4');
    const stranger = createSocket('udp4');
    const client = createSocket('udp4');
    try {
      const serverPort = await bound(server);
      const clientPort = await bound(client);
      await new Promise<void>((resolve) => client.connect(serverPort, '127.0.0.1', resolve));
      const toServer = next(server);
      client.send('hi'); // no address: the connected peer
      expect(await toServer).toBe('hi'); // the first datagram: connecting sent nothing before it
      await bound(stranger);
      // The stranger's datagram is in the kernel before the peer's: it would be read first.
      const toClient = next(client);
      await new Promise((sent) => stranger.send('from a stranger', clientPort, '127.0.0.1', sent));
      server.send('from the peer', clientPort, '127.0.0.1');
      expect(await toClient).toBe('from the peer'); // the stranger's datagram was filtered out
    } finally {
      for (const s of [server, stranger, client]) s.close();
    }
  });

  it('a connected socket hears ECONNREFUSED from a closed port; an unconnected one hears nothing', async ({
    expect,
  }) => {
    const port = await freePort();
    const connected = createSocket('udp4');
    const unconnected = createSocket('udp4');
    try {
      const errors: string[] = [];
      unconnected.on('error', (err: NodeJS.ErrnoException) =>
        errors.push(`unconnected ${err.code}`),
      );
      await new Promise<void>((resolve) => connected.connect(port, '127.0.0.1', resolve));
      // The unconnected one's datagram first; then the connected one's, whose refusal comes back.
      await new Promise((sent) => unconnected.send('anyone?', port, '127.0.0.1', sent));
      const refused = once(connected, 'error', { signal: AbortSignal.timeout(PATIENCE_MS) });
      connected.send('anyone?');
      expect((await refused)[0].code).toBe('ECONNREFUSED');
      await new Promise(setImmediate); // (a loop turn: what was reported with it is seen too)
      expect(errors).toEqual([]);
    } finally {
      connected.close();
      unconnected.close();
    }
  });
});

/** The text of the next datagram `socket` receives. */
const next = async (socket: Socket) =>
  String((await once(socket, 'message', { signal: AbortSignal.timeout(PATIENCE_MS) }))[0]);
