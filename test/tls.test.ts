// The TLS lesson's programs, run as real processes over loopback, and what the page claims of TLS.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { impostor as other, localhost } from '../src/lib/self-signed.ts';
import { GARBAGE, flood } from './load.ts';
import { finish, has, oneLineWith, runExample, startServer } from './processes.ts';

const NO_STACK = /^\s+at /m;
const dir = mkdtempSync(join(tmpdir(), 'tls-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A certificate and its key written as NAME.pem and NAME-key.pem; returns their paths and contents. */
function files(name: string, made: { cert: string; key: string }) {
  const [cert, key] = [join(dir, `${name}.pem`), join(dir, `${name}-key.pem`)];
  writeFileSync(cert, made.cert);
  writeFileSync(key, made.key);
  return { cert, key, pem: made.cert };
}
const real = files('cert', localhost);
const impostor = files('impostor', other); // another key, the same name (CN=localhost)
const serve = (which = real, args: string[] = []) =>
  startServer('tls-server.ts', ['--cert', which.cert, '--key', which.key, ...args]);

/** Over TLS with `options`: send `text`, half-close, and collect the answer until the server closes. */
async function overTls(
  port: number,
  text: string | Buffer,
  options: tls.ConnectionOptions = { ca: real.pem },
) {
  const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...options });
  await once(socket, 'secureConnect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.end(text);
  await once(socket, 'close');
  return {
    answer: Buffer.concat(chunks),
    authorized: socket.authorized,
    why: socket.authorizationError,
  };
}

/** The error a TLS connection with `options` ends in. */
async function refused(port: number, options: tls.ConnectionOptions) {
  const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...options });
  const [err] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
  return err;
}

describe.concurrent('tls-server.ts and tls-client.ts', () => {
  it('echo over TLS 1.3 once the client trusts the certificate with --ca', async ({ expect }) => {
    const server = await serve();
    expect(server.stdout()).toMatch(
      new RegExp(`^tls server listening on 127\\.0\\.0\\.1:${server.port}\\n`),
    );
    const r = await finish(
      runExample('tls-client.ts', [
        '--port',
        String(server.port),
        '--ca',
        real.cert,
        'olá,',
        'TLS',
      ]),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `TLSv1.3 with 127.0.0.1:${server.port}: certificate of localhost verified\nolá, TLS\n`,
    );
    await server.waitFor(' closed\n');
    expect(server.stdout()).toMatch(
      /^127\.0\.0\.1:(\d+) connected; TLS handshake next\n127\.0\.0\.1:\1 secure: TLSv1\.3, TLS_AES_256_GCM_SHA384\n127\.0\.0\.1:\1 closed$/m,
    );
  });

  it('without --ca, the client refuses the self-signed certificate: one line, exit 1; the server sees the hang-up', async ({
    expect,
  }) => {
    const server = await serve();
    const r = await finish(runExample('tls-client.ts', ['--port', String(server.port), 'hello']));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(oneLineWith('DEPTH_ZERO_SELF_SIGNED_CERT'));
    await server.waitFor('handshake failed');
    expect(server.stdout()).toContain('handshake failed: ECONNRESET\n');
    expect(server.stdout()).not.toContain('secure:');
  });

  it("Node's own words for it: self-signed certificate, DEPTH_ZERO_SELF_SIGNED_CERT", async ({
    expect,
  }) => {
    const server = await serve();
    const err = await refused(server.port, {});
    expect(err.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(err.message).toMatch(/^self-signed certificate\b/);
  });

  it('--ca cert.pem trusts that certificate only: an impostor with its own key and the same name is refused', async ({
    expect,
  }) => {
    const server = await serve(impostor);
    const r = await finish(
      runExample('tls-client.ts', [
        '--port',
        String(server.port),
        '--ca',
        real.cert,
        'password=swordfish',
      ]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(oneLineWith('DEPTH_ZERO_SELF_SIGNED_CERT'));
  });

  it('rejectUnauthorized: false gives authentication up: the impostor gets the password, and the client is none the wiser but for a flag', async ({
    expect,
  }) => {
    const server = await serve(impostor);
    const { answer, authorized, why } = await overTls(server.port, 'password=swordfish\n', {
      rejectUnauthorized: false,
    });
    expect(answer.toString()).toBe('password=swordfish\n'); // the impostor read it (and echoed it)
    expect(authorized).toBe(false);
    expect(why).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('the name counts too: a trusted certificate for localhost is refused when the client asks for another name', async ({
    expect,
  }) => {
    const server = await serve();
    const err = await refused(server.port, { ca: real.pem, servername: 'example.com' });
    expect(err.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('the ClientHello carries the server name in clear (SNI): a plain TCP server reads "localhost" in it', async ({
    expect,
  }) => {
    const listener = net.createServer();
    listener.listen(0, '127.0.0.1');
    await once(listener, 'listening');
    const port = (listener.address() as net.AddressInfo).port;
    const client = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: real.pem });
    client.on('error', () => {});
    const [socket] = (await once(listener, 'connection')) as [net.Socket];
    const [hello] = (await once(socket, 'data')) as [Buffer];
    expect(hello[0]).toBe(0x16); // a TLS record: handshake
    expect(hello.includes('localhost')).toBe(true);
    expect(hello.includes('password')).toBe(false);
    client.destroy();
    socket.destroy();
    listener.close();
  });

  it('integrity: one byte changed on the way, and the server refuses the record instead of reading it', async ({
    expect,
  }) => {
    const server = await serve();
    // A relay in the middle that, once told to, changes the last byte of what the client sends.
    let tamper = false;
    const relay = net.createServer((from) => {
      const to = net.connect(server.port, '127.0.0.1');
      for (const s of [from, to]) s.on('error', () => {});
      from.on('data', (chunk: Buffer) => {
        if (tamper) chunk[chunk.length - 1] ^= 0x01;
        to.write(chunk);
      });
      to.pipe(from);
      to.on('close', () => from.destroy());
    });
    relay.listen(0, '127.0.0.1');
    await once(relay, 'listening');
    const client = tls.connect({
      host: '127.0.0.1',
      port: (relay.address() as net.AddressInfo).port,
      servername: 'localhost',
      ca: real.pem,
    });
    client.on('error', () => {});
    await once(client, 'secureConnect');
    tamper = true;
    const echoed: Buffer[] = [];
    client.on('data', (chunk: Buffer) => echoed.push(chunk));
    const failed = once(client, 'error');
    client.write('password=swordfish\n');
    const [err] = (await failed) as [NodeJS.ErrnoException];
    // The server's alert, bad_record_mac. Node spells the code from OpenSSL's text for it:
    // "sslv3 alert bad record mac" in OpenSSL 3.0 (Node 22.19), "ssl/tls alert …" in 3.5 (Node 24).
    expect(err.code).toMatch(/^ERR_SSL_(SSLV3|SSL\/TLS)_ALERT_BAD_RECORD_MAC$/);
    await server.waitFor('error: ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC');
    expect(Buffer.concat(echoed).length).toBe(0); // nothing was echoed: the changed record never reached the program
    client.destroy();
    relay.close();
  });

  it('survives clients that are not TLS (plain text, a reset mid-handshake, silence), logs each failure, and serves the next', async ({
    expect,
  }) => {
    const server = await serve();
    const plain = net.connect(server.port, '127.0.0.1');
    plain.on('error', () => {});
    plain.end('hello\n');
    await server.waitFor('ERR_SSL_WRONG_VERSION_NUMBER');
    const halfway = net.connect(server.port, '127.0.0.1');
    halfway.on('error', () => {});
    await once(halfway, 'connect');
    // The start of a ClientHello, in the server's kernel; then the RST.
    await new Promise((written) =>
      halfway.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]), written),
    );
    halfway.resetAndDestroy();
    await server.waitFor('handshake failed: ECONNRESET');
    const silent = net.connect(server.port, '127.0.0.1');
    silent.on('error', () => {});
    expect((await overTls(server.port, 'still there?')).answer.toString()).toBe('still there?');
    silent.destroy();
    expect(server.stderr()).not.toMatch(NO_STACK);
    expect(server.child.exitCode).toBe(null);
  });

  it('does not buffer without bound for a TLS client that stops reading, and serves others meanwhile', async ({
    expect,
  }) => {
    const server = await serve();
    const s = tls.connect({
      host: '127.0.0.1',
      port: server.port,
      servername: 'localhost',
      ca: real.pem,
    });
    s.on('error', () => {});
    await once(s, 'secureConnect');
    s.pause(); // never read
    const { growth } = await flood(s, server.child.pid!);
    expect((await overTls(server.port, 'and you?')).answer.toString()).toBe('and you?');
    s.destroy();
    expect(growth).toBeLessThan(GARBAGE);
  });

  it('says in one line what is wrong with its files, exit 1', async ({ expect }) => {
    const missing = await finish(
      runExample('tls-server.ts', [
        '--port',
        '0',
        '--cert',
        join(dir, 'nope.pem'),
        '--key',
        real.key,
      ]),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(oneLineWith('ENOENT'));
    expect(missing.stderr).toContain(join(dir, 'nope.pem'));
    const mismatch = await finish(
      runExample('tls-server.ts', ['--port', '0', '--cert', real.cert, '--key', impostor.key]),
    );
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/^[^\n]*key values mismatch\n$/);
  });

  it('a client with a --ca file that does not exist says so in one line, exit 1', async ({
    expect,
  }) => {
    const r = await finish(runExample('tls-client.ts', ['--ca', join(dir, 'nope.pem'), 'hello']));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(oneLineWith('ENOENT'));
  });
});

describe('the certificate the lesson makes with openssl', () => {
  it('is one the server and the client accept, for localhost and for 127.0.0.1', async ({
    skip,
  }) => {
    if (!has('openssl')) return skip('needs openssl');
    const here = mkdtempSync(join(dir, 'openssl-'));
    const command = readFileSync(
      join(import.meta.dirname, '../examples/sessions/tls-echo.session.ts'),
      'utf8',
    ).match(/'(openssl req [^']+)'/)![1];
    const [tool, ...args] = command.split(' ');
    execFileSync(tool, args, { cwd: here, stdio: 'pipe' });
    const made = {
      cert: readFileSync(join(here, 'cert.pem'), 'utf8'),
      key: readFileSync(join(here, 'key.pem'), 'utf8'),
    };
    const server = await serve(files('openssl', made));
    expect((await overTls(server.port, 'hi', { ca: made.cert })).answer.toString()).toBe('hi');
    expect(
      (await overTls(server.port, 'hi', { ca: made.cert, servername: undefined })).authorized,
    ).toBe(true); // IP:127.0.0.1
    const x509 = new (await import('node:crypto')).X509Certificate(made.cert);
    expect(x509.subject).toBe('CN=localhost');
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
  });
});
