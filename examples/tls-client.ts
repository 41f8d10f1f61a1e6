// TLS client: connects, checks the server's certificate, sends MESSAGE and a newline, prints the
// first line that comes back, and closes.
//
//   npx tsx examples/tls-client.ts [--host 127.0.0.1] [--port 12443] [--ca FILE] MESSAGE
//
// --ca FILE: trust the certificates in FILE (a server's own self-signed cert.pem, say), instead
// of the certificate authorities that Node trusts by default.
// #region connect
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { parseArgs } from 'node:util';

const { host, port, caFile, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = `${host}:${port}`;

// TCP's handshake, then TLS's. Node checks the certificate the server sends: signed by someone
// it trusts (`ca`, or its built-in list), and made out to `servername`. Only then does it call
// this function; any doubt is an 'error' instead.
const ca = caFile === undefined ? undefined : readFileSync(caFile);
const socket = tls.connect({ host, port, ca, servername: 'localhost' }, () => {
  console.log(
    `${socket.getProtocol()} with ${server}: certificate of ${socket.getPeerCertificate().subject.CN} verified`,
  );
  socket.write(`${message}\n`);
});
// #endregion connect

// #region answer
// What arrives is already decrypted. Once the line is back, end(): TLS sends its close_notify
// ("I am done"), then TCP its FIN.
socket.setEncoding('utf8');
let answered = false;
socket.on('data', (text: string) => {
  process.stdout.write(text);
  answered = true;
  if (text.includes('\n')) socket.end();
});
socket.on('close', () => {
  if (answered) return;
  console.error(`${server} closed the connection without answering`);
  process.exit(1);
});
// #endregion answer

// #region errors
// One line and exit 1: nobody listening (ECONNREFUSED), a certificate we do not trust
// (DEPTH_ZERO_SELF_SIGNED_CERT…), a silent server.
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`no secure connection to ${server}: ${err.code}`);
  process.exit(1);
});
socket.setTimeout(5000, () => {
  console.error(`no answer from ${server} in 5 s`);
  process.exit(1);
});
// #endregion errors

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/tls-client.ts [--host ADDRESS] [--port 1-65535] [--ca FILE] MESSAGE';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, ca: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '12443', ca: caFile } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (positionals.length === 0) throw new Error('missing MESSAGE');
    return { host, port: Number(port), caFile, message: positionals.join(' ') };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
