import { writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { CheckFailure, defineExercise, expectText, show } from '../../../src/lib/exercise.ts';
import { selfSigned, type CertificateAndKey } from '../../../src/lib/self-signed.ts';

// What `npm run check -- tls-echo` verifies. The server's certificate and key are made here with
// node:crypto (no openssl needed), once, and written for each run into a temporary folder.
let made: CertificateAndKey | undefined;
const pair = () => (made ??= selfSigned());

/** Over TLS, trusting the certificate the server was given: send `text`, half-close, and collect the answer until the server closes. */
function overTls(port: number, text: string, timeoutMs = 2000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let handshaking = true;
    const socket = connect(
      { host: '127.0.0.1', port, servername: 'localhost', ca: pair().cert },
      () => {
        handshaking = false;
        socket.end(text);
      },
    );
    const timer = setTimeout(() => {
      socket.destroy();
      const got = Buffer.concat(chunks);
      reject(
        new CheckFailure(
          handshaking
            ? {
                pt: `o handshake TLS não terminou em ${timeoutMs} ms`,
                en: `the TLS handshake did not end within ${timeoutMs} ms`,
              }
            : {
                pt: `enviado ${show(text.length > 40 ? `${text.slice(0, 40)}…` : text)} por TLS, e em ${timeoutMs} ms voltaram ${got.length} bytes, sem o fim da conexão`,
                en: `sent ${show(text.length > 40 ? `${text.slice(0, 40)}…` : text)} over TLS, and within ${timeoutMs} ms ${got.length} bytes came back, and no end of the connection`,
              },
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new CheckFailure({
          pt: `a conexão TLS falhou: ${err.code ?? err.message}${handshaking ? ', ainda no handshake' : ''}`,
          en: `the TLS connection failed: ${err.code ?? err.message}${handshaking ? ', still in the handshake' : ''}`,
        }),
      );
    });
  });
}

/** A client that does not speak TLS: plain text, or a reset in the middle of its hello. */
function misbehave(port: number, how: 'text' | 'reset'): Promise<void> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1', () => {
      if (how === 'text') socket.end('hello, this is not TLS\n');
      else
        socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]), () =>
          setTimeout(() => socket.resetAndDestroy(), 50),
        );
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve());
    socket.resume();
    setTimeout(() => {
      socket.destroy();
      resolve();
    }, 1000);
  });
}

const LONG = 'segredo, secret, ação. '.repeat(8_000); // 200,000 bytes: many TLS records

export default defineExercise({
  lesson: 'around/tls',
  file: 'server.ts',
  protocol: 'tcp',
  title: { pt: 'O servidor de eco, agora com TLS', en: 'The echo server, now with TLS' },
  prepare: (dir) => {
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    writeFileSync(cert, pair().cert);
    writeFileSync(key, pair().key);
    return ['--cert', cert, '--key', key];
  },
  checks: [
    {
      name: {
        pt: 'um cliente TLS que confia no certificado dado ao servidor completa o handshake, e "olá, TLS" volta',
        en: 'a TLS client that trusts the certificate the server was given completes the handshake, and "olá, TLS" comes back',
      },
      hint: {
        pt: 'o servidor ainda fala TCP puro: o cliente manda o seu ClientHello e recebe de volta o próprio ClientHello. Troque net.createServer por tls.createServer (de node:tls), com { cert, key } lidos de certFile e keyFile com readFileSync.',
        en: 'the server still speaks plain TCP: the client sends its ClientHello and gets its own ClientHello back. Use tls.createServer (from node:tls) instead of net.createServer, with { cert, key } read from certFile and keyFile with readFileSync.',
      },
      run: async (program) =>
        expectText('olá, TLS', await overTls(program.port, 'olá, TLS'), 'olá, TLS'),
    },
    {
      name: {
        pt: 'um texto longo (200.000 bytes, muitos registros TLS) volta inteiro',
        en: 'a long text (200,000 bytes, many TLS records) comes back whole',
      },
      run: async (program) => {
        const reply = await overTls(program.port, LONG, 5000);
        if (reply.equals(Buffer.from(LONG))) return;
        throw new CheckFailure({
          pt: `enviados ${Buffer.byteLength(LONG)} bytes, voltaram ${reply.length}`,
          en: `sent ${Buffer.byteLength(LONG)} bytes, got ${reply.length} back`,
        });
      },
    },
    {
      name: {
        pt: 'um cliente que fala TCP puro e outro que desliga no meio do handshake não derrubam o servidor',
        en: 'a client that speaks plain TCP, and one that hangs up halfway through the handshake, do not bring the server down',
      },
      hint: {
        pt: 'um cliente que falha o handshake nunca chega à função de cada conexão: o servidor o conhece pelo evento "tlsClientError".',
        en: 'a client that fails the handshake never reaches the per-connection function: the server hears of it through the "tlsClientError" event.',
      },
      run: async (program) => {
        await misbehave(program.port, 'text');
        await misbehave(program.port, 'reset');
        expectText('ainda aí?', await overTls(program.port, 'ainda aí?'), 'ainda aí?');
      },
    },
  ],
});
