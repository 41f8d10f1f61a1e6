// The names lesson: dns.lookup (the system's resolver) and dns.Resolver (the DNS protocol), a tiny
// DNS server, a query built by hand, and Happy Eyeballs. Every DNS query here goes to a server the
// test started on loopback; the system's resolver is asked about `localhost` only (/etc/hosts).
import { createSocket, type Socket } from 'node:dgram';
import dns from 'node:dns';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'vitest';
import { freePort, listeningPort, portBelowEphemeral } from '../src/lib/processes.ts';
import {
  PATIENCE_MS,
  finish,
  has,
  oneLineWith,
  run,
  runExample,
  startServer,
} from './processes.ts';

const CURSO_A = Buffer.from('12340100000100000000000005637572736f04746573740000010001', 'hex'); // curso.test A, id 12 34

/**
 * Send `query` to a server on loopback, then, from the same socket, a query it surely answers
 * (curso.test A, id 12 34). The server reads them in that order: its first reply is to `query`,
 * unless it ignored it, and then it is the second one's. The reply to `query`, or undefined.
 */
async function exchange(port: number, query: Buffer): Promise<Buffer | undefined> {
  const socket = createSocket('udp4');
  try {
    const reply = once(socket, 'message', { signal: AbortSignal.timeout(PATIENCE_MS) });
    socket.send(query, port, '127.0.0.1');
    socket.send(CURSO_A, port, '127.0.0.1');
    const [first] = (await reply) as [Buffer];
    const id = (b: Buffer) => b.subarray(0, 2).toString('hex');
    return id(first) === id(CURSO_A) && id(query) !== id(CURSO_A) ? undefined : first;
  } finally {
    socket.close();
  }
}

/** A Node resolver that asks only the test's server (never the system's resolvers). */
function resolverFor(port: number) {
  const resolver = new dns.promises.Resolver({ timeout: PATIENCE_MS, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  return resolver;
}

const bind = (socket: Socket) =>
  new Promise<number>((resolve) =>
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)),
  );

describe.concurrent('dns-server.ts and dns-query.ts', () => {
  it('a query built by hand: 28 bytes for curso.test A, and the answer holds 127.0.0.1 with a TTL of 60 s', async ({
    expect,
  }) => {
    const server = await startServer('dns-server.ts');
    expect(server.stdout()).toBe(`dns server listening on 127.0.0.1:${server.port}\n`);
    const r = await finish(
      runExample('dns-query.ts', ['--port', String(server.port), 'curso.test']),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [query, ...answer] = r.stdout.split('answer:');
    expect(query).toMatch(
      /^query: 28 bytes to 127\.0\.0\.1:\d+\n {2}id {8}[\da-f]{2} [\da-f]{2}\n {2}flags {5}01 00\n {2}counts {4}00 01 00 00 00 00 00 00\n {2}question {2}05 63 75 72 73 6f 04 74 65 73 74 00 00 01 00 01\n$/,
    );
    const id = /id +(.. ..)/.exec(query)![1];
    expect(answer.join('')).toBe(
      [
        ' 44 bytes, rcode 0',
        `  id        ${id}`, // the same id
        '  flags     85 00', // QR, AA, RD
        '  counts    00 01 00 01 00 00 00 00',
        '  question  05 63 75 72 73 6f 04 74 65 73 74 00 00 01 00 01',
        '  answer    c0 0c 00 01 00 01 00 00 00 3c 00 04 7f 00 00 01',
        'curso.test A 127.0.0.1 (ttl 60 s)',
        '',
      ].join('\n'),
    );
    await server.waitFor('asks');
    expect(server.stdout()).toMatch(
      /\n127\.0\.0\.1:\d+ asks "curso\.test" A: rcode 0, answers 1\n$/,
    );
  });

  it('AAAA gives ::1, names ignore case, and an unknown name gets rcode 0 with no records (today)', async ({
    expect,
  }) => {
    const server = await startServer('dns-server.ts');
    const ask = (...args: string[]) =>
      finish(runExample('dns-query.ts', ['--port', String(server.port), ...args]));
    const aaaa = await ask('curso.test', 'AAAA');
    expect(aaaa.stdout).toContain(
      '  answer    c0 0c 00 1c 00 01 00 00 00 3c 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01\n',
    );
    expect(aaaa.stdout).toMatch(/\ncurso\.test AAAA ::1 \(ttl 60 s\)\n$/);
    expect((await ask('CURSO.Test.', 'a')).stdout).toMatch(
      /\nCURSO\.Test A 127\.0\.0\.1 \(ttl 60 s\)\n$/,
    );
    const unknown = await ask('nada.test');
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toMatch(/answer: 27 bytes, rcode 0\n(.*\n){4}$/); // header and question, no record
    const noAAAA = await ask('eco.test', 'AAAA');
    expect(noAAAA.stdout).toMatch(/answer: 26 bytes, rcode 0\n(.*\n){4}$/);
  });

  it('each query gets a new random id', async ({ expect }) => {
    const server = await startServer('dns-server.ts');
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const r = await finish(
        runExample('dns-query.ts', ['--port', String(server.port), 'curso.test']),
      );
      ids.add(/id +(.. ..)/.exec(r.stdout)![1]);
    }
    expect(ids.size).toBeGreaterThan(1); // three equal 16-bit ids: 1 chance in 2^32
  });

  it('the client takes only the answer from the server it asked, with its id; a forgery from another port or with another id is ignored', async ({
    expect,
  }) => {
    const fake = createSocket('udp4');
    const forger = createSocket('udp4');
    try {
      const port = await bind(fake);
      await bind(forger);
      fake.on('message', (query, client) => {
        const answer = (id: Buffer, address: number[]) =>
          Buffer.concat([
            id,
            Buffer.from([0x85, 0, 0, 1, 0, 1, 0, 0, 0, 0]),
            query.subarray(12),
            Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, ...address]),
          ]);
        // The two forgeries first, each in the client's kernel before the real answer is sent.
        const sent = (socket: Socket, id: Buffer, address: number[]) =>
          new Promise((done) =>
            socket.send(answer(id, address), client.port, client.address, done),
          );
        void Promise.all([
          sent(forger, query.subarray(0, 2), [6, 6, 6, 6]), // right id, wrong port
          sent(fake, Buffer.from([query[0] ^ 0xff, query[1]]), [7, 7, 7, 7]), // wrong id
        ]).then(() => sent(fake, query.subarray(0, 2), [127, 0, 0, 1]));
      });
      const r = await finish(runExample('dns-query.ts', ['--port', String(port), 'curso.test']));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\ncurso\.test A 127\.0\.0\.1 \(ttl 60 s\)\n$/);
      expect(r.stdout).not.toMatch(/6\.6\.6\.6|7\.7\.7\.7/);
    } finally {
      fake.close();
      forger.close();
    }
  });

  it('the client fails in one line: no answer within 2000 ms, an answer cut short', async ({
    expect,
  }) => {
    const silent = createSocket('udp4');
    const cutter = createSocket('udp4');
    try {
      const started = Date.now();
      const quiet = await finish(
        runExample('dns-query.ts', ['--port', String(await bind(silent)), 'curso.test']),
      );
      expect(quiet.code).toBe(1);
      expect(quiet.stderr).toMatch(/^no answer from 127\.0\.0\.1:\d+ after 2000 ms\n$/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);

      const port = await bind(cutter);
      cutter.on('message', (query, client) => {
        const cut = Buffer.concat([
          query.subarray(0, 2),
          Buffer.from([0x85, 0, 0, 1, 0, 1, 0, 0, 0, 0]),
          query.subarray(12),
          Buffer.from([0xc0, 0x0c, 0, 1]),
        ]);
        cutter.send(cut, client.port, client.address);
      });
      const short = await finish(
        runExample('dns-query.ts', ['--port', String(port), 'curso.test']),
      );
      expect(short.code).toBe(1);
      expect(short.stderr).toBe('the answer is cut short\n');
    } finally {
      silent.close();
      cutter.close();
    }
  });
});

describe.concurrent('the DNS server and what it does with anything else', () => {
  const query = (flags: string, question: string, counts = '0001000000000000') =>
    Buffer.from(`abcd${flags}${counts}${question}`, 'hex');
  const curso = '05637572736f047465737400';

  it('answers other types and classes with no records (NOERROR), and ignores what is not a plain query', async ({
    expect,
  }) => {
    const server = await startServer('dns-server.ts');
    const ask = (q: Buffer) => exchange(server.port, q);
    for (const [type, klass] of [
      ['000f', '0001'],
      ['00ff', '0001'],
      ['0001', '0003'],
    ]) {
      const answer = (await ask(query('0100', `${curso}${type}${klass}`)))!;
      expect(answer.subarray(0, 12).toString('hex'), `type ${type} class ${klass}`).toBe(
        'abcd85000001000000000000',
      );
    }
    // Bytes after the question (dig's EDNS record, say) do not stop an answer.
    const withExtra = (await ask(
      query('0120', `${curso}00010001${'0000291000000000000000'}`, '0001000000000001'),
    ))!;
    expect(withExtra.subarray(12).toString('hex')).toBe(
      `${curso}00010001c00c000100010000003c00047f000001`,
    );
    // Recursion not desired: RD stays off in the answer.
    expect((await ask(query('0000', `${curso}00010001`)))!.subarray(2, 4).toString('hex')).toBe(
      '8400',
    );
    // Not answered: a response (never answer an answer: two servers would loop), another opcode,
    // no question or two, a question cut short, a compression pointer in the question, 0 bytes.
    for (const q of [
      query('8500', `${curso}00010001`),
      query('1100', `${curso}00010001`),
      query('0100', '', '0000000000000000'),
      query('0100', `${curso}00010001${curso}00010001`, '0002000000000000'),
      query('0100', `${curso}0001`),
      query('0100', 'c00c00010001'),
      Buffer.alloc(0),
    ]) {
      expect(await ask(q), q.toString('hex')).toBeUndefined();
    }
    expect(server.stdout()).toMatch(/sent 0 bytes that are not a question: ignored\n/);
    expect(await ask(CURSO_A)).toBeDefined();
    expect(server.stderr()).toBe('');
  });

  it('listens on ::1 when told to', async ({ expect }) => {
    const server = await startServer('dns-server.ts', ['--host', '::1']);
    expect(server.stdout()).toBe(`dns server listening on ::1:${server.port}\n`);
    const r = await finish(
      runExample('dns-query.ts', ['--server', '::1', '--port', String(server.port), 'eco.test']),
    );
    expect(r.stdout).toMatch(/^query: 26 bytes to ::1:\d+\n/);
    expect(r.stdout).toMatch(/\neco\.test A 127\.0\.0\.1 \(ttl 60 s\)\n$/);
  });

  it('dig, a standard DNS client, reads the same answers', async ({ expect, skip }) => {
    if (!has('dig')) return skip('dig is not installed');
    const server = await startServer('dns-server.ts');
    const dig = (...args: string[]) =>
      finish(run('dig', ['@127.0.0.1', '-p', String(server.port), '+noall', '+answer', ...args]));
    expect((await dig('curso.test', 'A')).stdout).toMatch(
      /^curso\.test\.\s+60\s+IN\s+A\s+127\.0\.0\.1\n$/,
    );
    expect((await dig('curso.test', 'AAAA')).stdout).toMatch(
      /^curso\.test\.\s+60\s+IN\s+AAAA\s+::1\n$/,
    );
    expect((await dig('nada.test', 'A')).stdout).toBe('');
    expect(
      (await finish(run('dig', ['@127.0.0.1', '-p', String(server.port), 'nada.test']))).stdout,
    ).toContain('status: NOERROR');
  });
});

describe.concurrent('dns.Resolver pointed at the course’s DNS server', () => {
  it('resolve4 and resolve6 ask it over UDP; an empty answer is ENODATA; localhost is not in DNS (/etc/hosts is not DNS)', async ({
    expect,
  }) => {
    const server = await startServer('dns-server.ts');
    const resolver = resolverFor(server.port);
    expect(await resolver.resolve4('curso.test')).toEqual(['127.0.0.1']);
    expect(await resolver.resolve6('curso.test')).toEqual(['::1']);
    expect(await resolver.resolve4('curso.test', { ttl: true })).toEqual([
      { address: '127.0.0.1', ttl: 60 },
    ]);
    await expect(resolver.resolve4('nada.test')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolver.resolve4('localhost')).rejects.toMatchObject({ code: 'ENODATA' });
    await server.waitFor('"localhost" A');
    expect(server.stdout()).toMatch(/asks "localhost" A: rcode 0, answers 0\n/);
  });

  it('with the exercise solved, an unknown name is NXDOMAIN, which Node calls ENOTFOUND', async ({
    expect,
  }) => {
    const server = await startServer('exercises/dns-nxdomain/solution.ts');
    const resolver = resolverFor(server.port);
    await expect(resolver.resolve4('nada.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolve6('eco.test')).rejects.toMatchObject({ code: 'ENODATA' });
    expect(await resolver.resolve4('eco.test')).toEqual(['127.0.0.1']);
  });
});

describe.concurrent('connect-name.ts: from a name to a connection', () => {
  it('by default asks dns.lookup, which answers localhost from /etc/hosts, as net.connect does', async ({
    expect,
  }) => {
    const server = await startServer('tcp-server.ts');
    const r = await finish(runExample('connect-name.ts', ['--port', String(server.port)]));
    expect(r.code).toBe(0);
    // What this machine's resolver says localhost is (the order and content come from /etc/hosts).
    const found = await dns.promises.lookup('localhost', { all: true, hints: dns.ADDRCONFIG });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Happy Eyeballs on, 250 ms for every attempt but the last');
    expect(lines.slice(1, 1 + found.length)).toEqual(
      found.map((a) => `localhost is ${a.address} (IPv${a.family})`),
    );
    expect(r.stdout).toContain(`connected to 127.0.0.1:${server.port}\n`);
  });

  it('with --dns, Happy Eyeballs tries ::1 then 127.0.0.1; without it, only the first address', async ({
    expect,
  }) => {
    const names = await startServer('dns-server.ts');
    const dnsAt = `127.0.0.1:${names.port}`;
    const v4 = await startServer('tcp-server.ts');
    const connect = (port: number, ...more: string[]) =>
      finish(
        runExample('connect-name.ts', [
          '--host',
          'curso.test',
          '--dns',
          dnsAt,
          '--port',
          String(port),
          ...more,
        ]),
      );

    const both = await connect(v4.port);
    expect(both.code).toBe(0);
    expect(both.stdout).toBe(
      [
        'Happy Eyeballs on, 250 ms for every attempt but the last',
        'curso.test is ::1 (IPv6)',
        'curso.test is 127.0.0.1 (IPv4)',
        `trying [::1]:${v4.port}`,
        `  [::1]:${v4.port} failed (ECONNREFUSED)`,
        `trying 127.0.0.1:${v4.port}`,
        `connected to 127.0.0.1:${v4.port}`,
        '',
      ].join('\n'),
    );
    const first = await connect(v4.port, '--no-happy-eyeballs');
    expect(first.code).toBe(1);
    expect(first.stdout).toBe(
      `Happy Eyeballs off\ncurso.test is ::1 (IPv6)\ntrying [::1]:${v4.port}\n  [::1]:${v4.port} failed (ECONNREFUSED)\n`,
    );
    expect(first.stderr).toMatch(oneLineWith('ECONNREFUSED'));

    const v6 = await startServer('tcp-server.ts', ['--host', '::1']);
    const six = await connect(v6.port);
    expect(six.stdout).toMatch(
      new RegExp(`trying \\[::1\\]:${v6.port}\\nconnected to \\[::1\\]:${v6.port}\\n$`),
    );
    await v6.waitFor('connection [::1]:');
  });

  it('an attempt that gets no answer is dropped after 250 ms and the next address tried; the last attempt has no such limit', async ({
    expect,
    skip,
  }) => {
    if (!has('python3')) return skip('needs python3');
    const names = await startServer('dns-server.ts');
    // On ::1, a listener that never accepts; one connection fills its queue, and the next SYN
    // to it gets no answer at all (no-accept.py, from the Timeouts lesson). Its port is one that
    // nothing on 127.0.0.1 has, nor gets by asking for port 0 (in this run or another at once).
    const free = String(await portBelowEphemeral());
    const slow = run('python3', ['examples/no-accept.py', '--host', '::1', '--port', free]);
    const port = await listeningPort(slow);
    expect(slow.stdout()).toBe(`no-accept server listening on [::1]:${port}\n`);
    const filler = net.connect(port, '::1');
    filler.on('error', () => {});
    await once(filler, 'connect');
    try {
      const connect = () =>
        finish(
          runExample('connect-name.ts', [
            '--host',
            'curso.test',
            '--dns',
            `127.0.0.1:${names.port}`,
            '--port',
            String(port),
          ]),
        );
      // Nothing on 127.0.0.1: the last attempt is refused, after the first was dropped.
      const refused = await connect();
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe(
        [
          'Happy Eyeballs on, 250 ms for every attempt but the last',
          'curso.test is ::1 (IPv6)',
          'curso.test is 127.0.0.1 (IPv4)',
          `trying [::1]:${port}`,
          `  [::1]:${port} no answer within 250 ms, dropped`,
          `trying 127.0.0.1:${port}`,
          `  127.0.0.1:${port} failed (ECONNREFUSED)`,
          '',
        ].join('\n'),
      );
      // Both failures come as one AggregateError, with the code of the first (the dropped attempt).
      expect(refused.stderr).toMatch(/ETIMEDOUT|ECONNREFUSED/);
      // An echo server on 127.0.0.1, the same port: the second address connects.
      const v4 = runExample('tcp-server.ts', ['--port', String(port)]);
      await listeningPort(v4);
      const started = Date.now();
      const served = await connect();
      expect(served.code).toBe(0);
      expect(served.stdout).toContain(
        `  [::1]:${port} no answer within 250 ms, dropped\ntrying 127.0.0.1:${port}\nconnected to 127.0.0.1:${port}\n`,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await v4.waitFor('connection 127.0.0.1:');

      // The other way round: ::1 refuses, 127.0.0.1 drops the SYN. The last attempt gets no
      // 250 ms limit: a second later it is still waiting (the kernel would wait about 127 s).
      const last = run('python3', [
        'examples/no-accept.py',
        '--port',
        String(await portBelowEphemeral()), // (and nothing on ::1 has it)
      ]);
      const lastPort = await listeningPort(last);
      const fill = net.connect(lastPort, '127.0.0.1');
      fill.on('error', () => {});
      await once(fill, 'connect');
      const waiting = runExample('connect-name.ts', [
        '--host',
        'curso.test',
        '--dns',
        `127.0.0.1:${names.port}`,
        '--port',
        String(lastPort),
      ]);
      try {
        await waiting.waitFor(`trying 127.0.0.1:${lastPort}\n`);
        // Four times the 250 ms the other attempts get: still waiting (a time claim, and a wait
        // that a busy machine can only make longer).
        await sleep(4 * 250);
        expect(waiting.stdout()).toContain(`  [::1]:${lastPort} failed (ECONNREFUSED)\n`);
        expect(waiting.stdout()).not.toContain('dropped');
        expect(waiting.stdout()).not.toContain('connected');
        expect(waiting.child.exitCode).toBeNull(); // still waiting
      } finally {
        waiting.child.kill('SIGKILL');
        fill.destroy();
        last.child.kill('SIGINT');
        await finish(last, 3000);
      }
    } finally {
      filler.destroy();
      slow.child.kill('SIGINT');
      await finish(slow, 3000);
    }
  });

  it('with --dns, localhost and unknown names are not found, and a DNS server that is not there says so', async ({
    expect,
  }) => {
    const names = await startServer('dns-server.ts');
    const port = String(await freePort());
    const find = (host: string, server: string) =>
      finish(runExample('connect-name.ts', ['--host', host, '--dns', server, '--port', port]));
    const local = await find('localhost', `127.0.0.1:${names.port}`);
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(oneLineWith('ENODATA'));
    const gone = await find('curso.test', `127.0.0.1:${await freePort()}`);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^[^\n]*\b(ECONNREFUSED|ETIMEOUT)\n$/);
  });
});
