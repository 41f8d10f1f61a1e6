import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CheckFailure,
  defineExercise,
  expectText,
  show,
  type Program,
} from '../../../src/lib/exercise.ts';
import { localhost } from '../../../src/lib/self-signed.ts';

// What `npm run check -- tls-echo` verifies. The server's certificate and key are the course's
// own for localhost (no openssl needed), written for each run into a temporary folder.
const pair = () => localhost;

/** Over TLS, trusting the certificate the server was given: send `text`, half-close, and collect the answer until the server closes. */
async function overTls(program: Program, text: string, limitMs = 2000): Promise<Buffer> {
  const client = await program.connect({ tls: { ca: pair().cert }, limitMs });
  client.end(text);
  const reply = await client.read({ limitMs });
  const how = client.ending?.how;
  if (how === 'FIN' || how === 'closed') return reply;
  throw new CheckFailure(
    how
      ? { pt: `a conexão TLS falhou: ${how}`, en: `the TLS connection failed: ${how}` }
      : {
          pt: `enviado ${show(text.length > 40 ? `${text.slice(0, 40)}…` : text)} por TLS, e em ${limitMs} ms voltaram ${reply.length} bytes, sem o fim da conexão`,
          en: `sent ${show(text.length > 40 ? `${text.slice(0, 40)}…` : text)} over TLS, and within ${limitMs} ms ${reply.length} bytes came back, and no end of the connection`,
        },
  );
}

/** A client that does not speak TLS: plain text, or a reset in the middle of its hello. */
async function misbehave(program: Program, how: 'text' | 'reset') {
  const client = await program.connect().catch(() => undefined); // no server: the next step says so
  if (how === 'text') client?.end('hello, this is not TLS\n');
  else {
    await client?.send(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]));
    await sleep(50);
    client?.reset();
  }
  await client?.ended(1000);
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
        expectText('olá, TLS', await overTls(program, 'olá, TLS'), 'olá, TLS'),
    },
    {
      name: {
        pt: 'um texto longo (200.000 bytes, muitos registros TLS) volta inteiro',
        en: 'a long text (200,000 bytes, many TLS records) comes back whole',
      },
      run: async (program) => {
        const reply = await overTls(program, LONG, 5000);
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
        await misbehave(program, 'text');
        await misbehave(program, 'reset');
        expectText('ainda aí?', await overTls(program, 'ainda aí?'), 'ainda aí?');
      },
    },
  ],
});
