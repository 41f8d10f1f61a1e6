// The "UDP from the terminal" lesson: what it claims about netcat-openbsd, lsof, ss
// and connected UDP sockets, checked with the real tools over loopback.
import { createSocket, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/lib/processes.ts';
import { finish, has, run, startServer, type Run, until } from './processes.ts';

const [nc, lsof, ss] = [has('nc'), has('lsof'), has('ss')];

/** `nc -u -l -n -v 127.0.0.1 0`: netcat-openbsd on a port the OS picks, which -v tells. */
async function ncServer(): Promise<Run & { port: number }> {
  const server = run('nc', ['-u', '-l', '-n', '-v', '127.0.0.1', '0']);
  await until(
    () => /Bound on 127\.0\.0\.1 \d+\n/.test(server.stderr()),
    5000,
    'nc to say "Bound on"',
  );
  return { ...server, port: Number(/Bound on 127\.0\.0\.1 (\d+)/.exec(server.stderr())![1]) };
}

/** An nc client that sends `line` and waits one second of silence (-w1) after its input ends. */
function ncClient(host: string, port: number, line: string): Run {
  const client = run('nc', ['-u', '-n', '-w1', host, String(port)]);
  client.child.stdin!.end(line);
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
      await until(
        () => server.stdout().includes('olá, servidor\n'),
        3000,
        'the server to print the line',
      );
      expect(server.stderr()).toMatch(/Connection received on 127\.0\.0\.1 \d+\n/);
      server.child.stdin!.write('oi, cliente\n');
      const r = await finish(client);
      expect(r.stdout).toBe('oi, cliente\n');
      server.child.kill('SIGINT');
    },
  );

  it.runIf(nc)(
    'never hears a second client: its socket is connected to the first (the kernel refuses the rest)',
    async ({ expect }) => {
      const server = await ncServer();
      const first = ncClient('127.0.0.1', server.port, 'first\n');
      await until(() => server.stdout().includes('first\n'), 3000, 'the first line');
      const started = Date.now();
      const second = await finish(ncClient('127.0.0.1', server.port, 'second\n'));
      expect(second.code).toBe(0); // netcat ends quietly on the refusal (ECONNREFUSED)…
      expect(Date.now() - started).toBeLessThan(900); // …at once, without waiting for -w1
      await sleep(100);
      expect(server.stdout()).toBe('first\n');
      await finish(first);
      server.child.kill('SIGINT');
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
      await until(() => server.stdout() === 'XXX', 2000, 'the X bytes');
      server.child.kill('SIGINT');
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
      const started = Date.now();
      const r = await finish(ncClient('::1', server.port, 'olá\n'));
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(Date.now() - started).toBeLessThan(900);
      const ok = await finish(ncClient('127.0.0.1', server.port, 'olá\n'));
      expect(ok.stdout).toBe('olá\n');
      await until(() => server.stdout().includes('"olá\\n"'), 2000, 'the server log');
      expect(server.stdout().match(/bytes from/g)).toHaveLength(1);
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
    await until(() => server.stdout().includes('olá'), 3000, 'the line');
    const after = await finish(run('lsof', ['-nP', '-i', `udp:${server.port}`]));
    const arrows = after.stdout.match(/UDP 127\.0\.0\.1:(\d+)->127\.0\.0\.1:(\d+)/g) ?? [];
    expect(arrows).toHaveLength(2);
    const clientPort = /Connection received on 127\.0\.0\.1 (\d+)/.exec(server.stderr())![1];
    expect(arrows).toContain(`UDP 127.0.0.1:${server.port}->127.0.0.1:${clientPort}`);
    expect(arrows).toContain(`UDP 127.0.0.1:${clientPort}->127.0.0.1:${server.port}`);
    client.child.kill('SIGINT');
    server.child.kill('SIGINT');
  });

  it.runIf(nc && ss)('ss: UNCONN before a client, ESTAB after', async ({ expect }) => {
    const server = await ncServer();
    const filter = `sport = :${server.port} or dport = :${server.port}`;
    const before = await finish(run('ss', ['-uanp', filter]));
    expect(before.stdout).toMatch(/^UNCONN .*"nc",pid=\d+/m);
    const client = run('nc', ['-u', '-n', '127.0.0.1', String(server.port)]);
    client.child.stdin!.write('olá\n');
    await until(() => server.stdout().includes('olá'), 3000, 'the line');
    const after = await finish(run('ss', ['-uanp', filter]));
    expect(after.stdout.match(/^ESTAB /gm)).toHaveLength(2);
    expect(after.stdout).not.toMatch(/^UNCONN/m);
    client.child.kill('SIGINT');
    server.child.kill('SIGINT');
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
      const heard: string[] = [];
      server.on('message', (m) => heard.push(m.toString()));
      const received: string[] = [];
      client.on('message', (m) => received.push(m.toString()));
      await new Promise<void>((resolve) => client.connect(serverPort, '127.0.0.1', resolve));
      await sleep(100);
      expect(heard).toEqual([]); // connecting sent nothing
      client.send('hi'); // no address: the connected peer
      await until(() => heard.length === 1, 2000, 'the datagram');
      await bound(stranger);
      stranger.send('from a stranger', clientPort, '127.0.0.1');
      server.send('from the peer', clientPort, '127.0.0.1');
      await until(() => received.length === 1, 2000, 'the reply');
      await sleep(100);
      expect(received).toEqual(['from the peer']); // the stranger's datagram was filtered out
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
      connected.on('error', (err: NodeJS.ErrnoException) => errors.push(`connected ${err.code}`));
      unconnected.on('error', (err: NodeJS.ErrnoException) =>
        errors.push(`unconnected ${err.code}`),
      );
      await new Promise<void>((resolve) => connected.connect(port, '127.0.0.1', resolve));
      connected.send(
        'anyone?',
        (err) => err && errors.push(`connected send ${(err as NodeJS.ErrnoException).code}`),
      );
      unconnected.send('anyone?', port, '127.0.0.1');
      await until(() => errors.length > 0, 2000, 'the refusal');
      await sleep(150);
      expect(errors).toEqual(['connected ECONNREFUSED']);
    } finally {
      connected.close();
      unconnected.close();
    }
  });
});
