// The course's servers against clients that misbehave: empty, binary and huge datagrams, malformed
// DNS queries, resets, slow and silent clients, endless input; each time, another client is still
// served, and memory stays bounded.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listeningPort } from '../../src/lib/processes.ts';
import { slack } from '../../src/lib/slack.ts';
import { FLOOD, GARBAGE, flood } from '../load.ts';
import { run, startServer } from '../processes.ts';
import { NO_STACK, type Probe, probe, profiles } from './profiles.ts';

/** The course's servers against clients that misbehave; each time, another client is still served. */
const hostileServers = Object.entries(profiles).filter(([, p]) => p.hostile);

const udpProbes: (Probe | undefined)[] = ['udp', 'dns'];
describe.each(hostileServers.filter(([, p]) => udpProbes.includes(p.probe)))(
  '%s and hostile datagrams',
  (file, profile) => {
    it('survives empty, binary and maximum-size datagrams and a burst of garbage', async () => {
      const server = await startServer(file, profile.args);
      const socket = createSocket('udp4');
      const send = (b: Buffer) =>
        new Promise<void>((r) => socket.send(b, server.port, '127.0.0.1', () => r()));
      await send(Buffer.alloc(0));
      await send(Buffer.from([0xff, 0x00, 0xfe, 0x80, 0xc3]));
      await send(Buffer.alloc(65_507, 0xab));
      for (let i = 0; i < 1000; i++)
        await send(
          Buffer.from(Array.from({ length: 1 + (i % 200) }, (_, j) => (i * 31 + j * 7) % 256)),
        );
      socket.close();
      expect(await probe(profile.probe!, server.port)).toBe(true);
      expect(server.stderr()).not.toMatch(NO_STACK);
      expect(server.child.exitCode).toBe(null);
    });
  },
);

describe.each(hostileServers.filter(([, p]) => p.probe === 'dns'))(
  '%s and hostile DNS queries',
  (file, profile) => {
    it('survives queries cut short, malformed names, other types, classes and opcodes, and keeps answering', async () => {
      const server = await startServer(file, profile.args);
      const socket = createSocket('udp4');
      const header = (flags: string, counts = '0001000000000000') => `abcd${flags}${counts}`;
      const name = '05637572736f047465737400'; // curso.test
      const hostile = [
        header('0100'), // a header, then no question
        header('0100').slice(0, 14), // a header cut short
        `${header('0100')}0563757273`, // a label cut short
        `${header('0100')}${name}0001`, // a type, then no class
        `${header('0100')}40${'61'.repeat(64)}0000010001`, // a label of 64 bytes (the limit is 63)
        `${header('0100')}c00c00010001`, // a compression pointer to itself, in the question
        `${header('0100')}c0ff00010001`, // a pointer past the end
        `${header('0100', '0000000000000000')}`, // no question at all
        `${header('0100', '0002000000000000')}${name}00010001${name}001c0001`, // two questions
        `${header('8180', '0001000100000000')}${name}00010001c00c000100010000003c00047f000001`, // an answer, not a query
        `${header('1100')}${name}00010001`, // opcode 2 (STATUS)
        `${header('0100')}${name}00010003`, // class CH
        `${header('0100')}${name}00ff0001`, // type ANY
        `${header('0100')}${name}00010001${'00'.repeat(500)}`, // trailing bytes after the question
        `${header('0100')}${`3f${'62'.repeat(63)}`.repeat(4)}0000010001`, // a name of 256 bytes
        `${header('0100')}0c${Buffer.from('ação\n\u001b[31m').toString('hex')}0000010001`, // a label (12 bytes) that is not a plain name
      ];
      for (const hex of hostile) {
        await new Promise<void>((r) =>
          socket.send(Buffer.from(hex, 'hex'), server.port, '127.0.0.1', () => r()),
        );
      }
      socket.close();
      expect(await probe('dns', server.port)).toBe(true);
      expect(server.stderr()).toBe('');
      expect(server.child.exitCode).toBe(null);
    });
  },
);

describe.concurrent.each(hostileServers.filter(([, p]) => !udpProbes.includes(p.probe)))(
  '%s and hostile TCP clients',
  (file, profile) => {
    it('survives a client that resets mid-stream, and keeps serving', async ({ expect }) => {
      const server = await startServer(file, profile.args);
      const s = connect(server.port, '127.0.0.1').on('error', () => {});
      await once(s, 'connect');
      await new Promise((written) => s.write(Buffer.alloc(10_000, 'a'), written));
      s.resetAndDestroy(); // the RST comes behind the bytes, and before the probe's connection
      expect(await probe(profile.probe!, server.port)).toBe(true);
      expect(server.stderr()).not.toMatch(NO_STACK);
      expect(server.exitCode).toBe(undefined);
    });

    if (profile.idle)
      it('closes a client that connects and says nothing, after its idle timeout', async ({
        expect,
      }) => {
        // A second: the probe below must not meet the idle timer either, on a busy machine.
        const server = await startServer(file, [...(profile.args ?? []), profile.idle!, '1000']);
        const started = Date.now(); // (before the server's timer, which starts once it accepts)
        const s = connect(server.port, '127.0.0.1').on('error', () => {});
        s.resume();
        await once(s, 'close', { signal: AbortSignal.timeout(slack(3000)) });
        expect(Date.now() - started).toBeGreaterThanOrEqual(990);
        expect(await probe(profile.probe!, server.port)).toBe(true);
      });

    it(`keeps its memory bounded while ${FLOOD / 2 ** 20} MiB arrive without a newline`, async ({
      expect,
    }) => {
      const server = await startServer(file, profile.args);
      const s = connect(server.port, '127.0.0.1').on('error', () => {});
      s.resume(); // read (and drop) whatever comes back; a server may hang up on an endless request
      const { written, growth } = await flood(s, server.child.pid!);
      s.destroy();
      console.log(`${file}: RSS +${mib(growth)} MiB while ${mib(written)} MiB arrived`);
      expect(growth).toBeLessThan(GARBAGE);
      expect(await probe(profile.probe!, server.port)).toBe(true);
    });

    it('does not buffer without bound for a client that stops reading, and serves others meanwhile', async ({
      expect,
    }) => {
      const server = await startServer(file, profile.args);
      const s = connect(server.port, '127.0.0.1').on('error', () => {});
      s.pause(); // never read
      // A server that respects back-pressure stops reading: the flood stops. One that reads on
      // (to drop it, as an HTTP server after its reply) must not keep it.
      const { growth } = await flood(s, server.child.pid!);
      expect(await probe(profile.probe!, server.port)).toBe(true);
      s.destroy();
      expect(growth).toBeLessThan(GARBAGE);
    });
  },
);

describe.concurrent('the memory bound itself', () => {
  // Servers that do what the tests above must catch: each breaks the bound they hold servers to.
  const serve = async (onData: string) => {
    const code = `const server = require('node:net').createServer((s) => { s.on('error', () => {}); s.on('data', (d) => { ${onData} }); });
const kept = [];
server.listen(0, '127.0.0.1', () => console.log('listening on 127.0.0.1:' + server.address().port));`;
    const server = run(process.execPath, ['-e', code]);
    return Object.assign(server, { port: await listeningPort(server) });
  };

  it('a server that keeps what it reads grows past it', async ({ expect }) => {
    const server = await serve('kept.push(d);');
    const s = connect(server.port, '127.0.0.1').on('error', () => {});
    const { written, growth } = await flood(s, server.child.pid!);
    s.destroy();
    expect(written).toBe(FLOOD);
    expect(growth).toBeGreaterThan(GARBAGE);
  });

  it('a server that writes back to a client that stops reading, without waiting for it, grows past it', async ({
    expect,
  }) => {
    const server = await serve('s.write(d);');
    const s = connect(server.port, '127.0.0.1').on('error', () => {});
    s.pause();
    const { growth } = await flood(s, server.child.pid!);
    s.destroy();
    expect(growth).toBeGreaterThan(GARBAGE);
  });
});

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
