// The UDP echo lesson's programs, run as real processes over loopback.
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  PATIENCE_MS,
  finish,
  has,
  oneLineWith,
  run,
  runExample,
  startServer,
} from './processes.ts';
import { freePort } from '../src/lib/processes.ts';
import { slack } from '../src/lib/slack.ts';

/** Send one datagram from a fresh socket and wait for the reply. */
async function roundTrip(port: number, payload: Buffer, host = '127.0.0.1'): Promise<Buffer> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  try {
    const reply = once(socket, 'message', { signal: AbortSignal.timeout(PATIENCE_MS) });
    socket.send(payload, port, host);
    return (await reply)[0];
  } finally {
    socket.close();
  }
}

describe.concurrent('udp-server.ts', () => {
  it('echoes every datagram byte for byte and logs its size and sender', async () => {
    const server = await startServer('udp-server.ts');
    const payloads = [
      Buffer.from('olá, mundo'),
      Buffer.from([...Array(256).keys()]), // every byte value, not UTF-8
      Buffer.alloc(0), // an empty datagram is a valid datagram
      Buffer.alloc(65_507, 'x'), // the largest payload IPv4 allows
    ];
    for (const payload of payloads) {
      expect((await roundTrip(server.port, payload)).equals(payload)).toBe(true);
    }
    await server.waitFor('65507 bytes from');
    expect(server.stdout()).toMatch(/^11 bytes from 127\.0\.0\.1:\d+: "olá, mundo"$/m);
    expect(server.stdout()).toMatch(
      /^256 bytes from 127\.0\.0\.1:\d+: "\\u0000\\u0001\\u0002.*…"$/m,
    );
    expect(server.stdout()).toMatch(/^65507 bytes from 127\.0\.0\.1:\d+: "x{60}…"$/m); // long datagrams are cut in the log
    expect(server.stdout()).toMatch(/^0 bytes from 127\.0\.0\.1:\d+: ""$/m);
    expect(server.stderr()).toBe('');
  });

  it('listens on IPv6 loopback when asked', async () => {
    const server = await startServer('udp-server.ts', ['--host', '::1']);
    expect(server.stdout()).toContain(`listening on ::1:${server.port}`);
    expect((await roundTrip(server.port, Buffer.from('ação'), '::1')).toString()).toBe('ação');
  });
});

describe.concurrent('udp-client.ts', () => {
  it('sends its message and prints the reply', async () => {
    const server = await startServer('udp-server.ts');
    const r = await finish(
      runExample('udp-client.ts', ['--port', String(server.port), 'olá, mundo']),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^sent 11 bytes from 0\.0\.0\.0:\d+ to 127\.0\.0\.1:\d+\nreceived 11 bytes back: olá, mundo\n$/,
    );
    // The port the OS gave the client is the one the server saw.
    const clientPort = /from 0\.0\.0\.0:(\d+)/.exec(r.stdout)![1];
    await server.waitFor(`from 127.0.0.1:${clientPort}:`);
  });

  it('gives up after its timeout when nobody answers, exit 1, one line', async () => {
    // A datagram to a closed port: no reply, and (unconnected) no error either; only its own
    // timer ends the wait.
    const port = await freePort();
    const started = Date.now();
    const r = await finish(
      runExample('udp-client.ts', ['--port', String(port), '--timeout', '300', 'ping']),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `no reply from 127.0.0.1:${port} after 300 ms (is a server running there?)\n`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(slack(3000));
  });

  it('refuses a message too big for one datagram (EMSGSIZE), exit 1', async () => {
    const server = await startServer('udp-server.ts');
    const r = await finish(
      runExample('udp-client.ts', ['--port', String(server.port), 'x'.repeat(65_508)]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(oneLineWith('EMSGSIZE'));
  });
});

describe.concurrent('the echo server with standard clients', () => {
  it.runIf(has('nc'))('netcat-openbsd gets its line back, UTF-8 included', async () => {
    const server = await startServer('udp-server.ts');
    const nc = run('nc', ['-u', '127.0.0.1', String(server.port)]);
    nc.child.stdin!.write('olá, mundo\n');
    await nc.waitFor('\n'); // the reply, as netcat prints it
    expect(nc.stdout()).toBe('olá, mundo\n');
    expect(server.stdout()).toContain('"olá, mundo\\n"');
    await nc.stop();
  });

  it.runIf(has('python3'))("Python's socket module gets its bytes back", async () => {
    const server = await startServer('udp-server.ts');
    const script = [
      'import socket, sys',
      's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
      `s.settimeout(${PATIENCE_MS / 1000})`,
      `s.sendto('olá, mundo'.encode(), ('127.0.0.1', ${server.port}))`,
      'data, addr = s.recvfrom(2048)',
      'sys.stdout.write(data.decode())',
    ].join('\n');
    const r = await finish(run('python3', ['-c', script]));
    expect(r.stdout).toBe('olá, mundo');
  });
});
