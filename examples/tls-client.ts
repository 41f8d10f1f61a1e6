// TLS client: connects, checks the server's certificate, sends MESSAGE and a newline, prints the
// first line that comes back, and closes.
//
//   npx tsx examples/tls-client.ts [--host 127.0.0.1] [--port 12443] [--ca FILE] MESSAGE
//
// --ca FILE: trust the certificates in FILE (a server's own self-signed cert.pem, say), instead
// of the certificate authorities that Node trusts by default.
// #region connect
import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import tls from 'node:tls';
import { parseArgs } from 'node:util';

const { host, port, caFile, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;

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
  if (!answered) exit(1, `${server} closed the connection without answering`);
});
// #endregion answer

// #region errors
// One line and exit 1: nobody listening, a certificate we do not trust, a silent server.
socket.on('error', fail);
socket.setTimeout(5000, () => exit(1, `no answer from ${server} in 5 s`));
// #endregion errors

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/tls-client.ts [--host ADDRESS] [--port 1-65535] [--ca FILE] MESSAGE';
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '12443' },
        ca: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (!/^\d+$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535)
      throw new Error(`invalid port "${values.port}": use 1 to 65535`);
    if (values.ca !== undefined && !existsSync(values.ca))
      throw new Error(`--ca ${values.ca}: no such file`);
    if (positionals.length === 0) throw new Error('no MESSAGE to send');
    return {
      host: values.host,
      port: Number(values.port),
      caFile: values.ca,
      message: positionals.join(' '),
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function fail(err: NodeJS.ErrnoException): never {
  const why = {
    ECONNREFUSED: `nothing is listening on ${server}`,
    ECONNRESET: `${server} broke off the connection`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `cannot trust ${server}: self-signed certificate`,
  }[err.code ?? ''];
  exit(1, `${why ?? `${server}: ${err.message}`} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
