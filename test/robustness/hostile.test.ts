// The course's servers against clients that misbehave: empty, binary and huge datagrams, malformed
// DNS queries, resets, slow and silent clients, endless input; each time, another client is still
// served, and memory stays bounded.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { keptNothing, watchRss, writeForAWhile } from '../load.ts';
import { startServer } from '../processes.ts';
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

describe.each(hostileServers.filter(([, p]) => !udpProbes.includes(p.probe)))(
  '%s and hostile TCP clients',
  (file, profile) => {
    it('survives a client that resets mid-stream, and keeps serving', async () => {
      const server = await startServer(file, profile.args);
      const s = connect(server.port, '127.0.0.1');
      s.on('error', () => {});
      await new Promise((r) => s.on('connect', r));
      s.write(Buffer.alloc(10_000, 'a'));
      await sleep(50);
      s.resetAndDestroy();
      await sleep(100);
      expect(await probe(profile.probe!, server.port)).toBe(true);
      expect(server.stderr()).not.toMatch(NO_STACK);
      expect(server.child.exitCode).toBe(null);
    });

    if (profile.idle)
      it('closes a client that connects and says nothing, after its idle timeout', async () => {
        const server = await startServer(file, [...(profile.args ?? []), profile.idle!, '300']);
        const s = connect(server.port, '127.0.0.1');
        s.on('error', () => {});
        s.resume();
        const started = Date.now();
        await new Promise((r) => s.on('close', r));
        expect(Date.now() - started).toBeGreaterThanOrEqual(250);
        expect(Date.now() - started).toBeLessThan(3000);
        expect(await probe(profile.probe!, server.port)).toBe(true);
      });

    it('keeps its memory bounded while 256 MiB arrive without a newline', async () => {
      const server = await startServer(file, profile.args);
      const before = watchRss(server.child.pid!).stop();
      const watch = watchRss(server.child.pid!);
      const s = connect(server.port, '127.0.0.1');
      s.on('error', () => {});
      s.resume(); // read (and drop) whatever comes back
      const chunk = Buffer.alloc(1 << 20, 'x');
      let sent = 0;
      await new Promise<void>((resolve) => {
        const pump = () => {
          while (sent < 256 << 20) {
            sent += chunk.length;
            if (!s.write(chunk)) return void s.once('drain', pump);
          }
          resolve();
        };
        s.on('close', () => resolve()); // a server may hang up on an endless request: fine
        pump();
      });
      const peak = watch.stop();
      s.destroy();
      console.log(
        `${file}: RSS ${Math.round(before / 2 ** 20)} MiB before, peak ${Math.round(peak / 2 ** 20)} MiB while ${Math.round(sent / 2 ** 20)} MiB arrived`,
      );
      expect(peak - before).toBeLessThan(keptNothing(sent));
      expect(await probe(profile.probe!, server.port)).toBe(true);
    });

    it('does not buffer without bound for a client that stops reading, and serves others meanwhile', async () => {
      const server = await startServer(file, profile.args);
      const before = watchRss(server.child.pid!).stop();
      const watch = watchRss(server.child.pid!);
      const s = connect(server.port, '127.0.0.1');
      s.on('error', () => {});
      s.pause(); // never read
      const written = await writeForAWhile(s);
      expect(await probe(profile.probe!, server.port)).toBe(true);
      const peak = watch.stop();
      s.destroy();
      // A server that respects back-pressure stops reading: the client cannot write much. One
      // that reads on (to drop it, as an HTTP server after its reply) must not keep it.
      expect(peak - before).toBeLessThan(keptNothing(written));
    });
  },
);
