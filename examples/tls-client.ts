// TLS client: connects, checks the server's certificate, sends MESSAGE and a newline, prints the
// first line that comes back, and closes.
//
//   npx tsx examples/tls-client.ts [--host 127.0.0.1] [--port 12443] [--ca FILE] [--timeout 5000] MESSAGE
//
// --ca FILE: trust the certificates in FILE (a server's own self-signed cert.pem, say), instead
// of the certificate authorities that Node trusts by default.
// #region connect
import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import tls from 'node:tls';
import { parseArgs } from 'node:util';

const { host, port, caFile, timeout, message } = commandLine(); // the options and MESSAGE, read at the end of this file
const server = address(host, port);

// TCP's handshake, then TLS's. Node checks the certificate the server sends: signed by someone
// it trusts (`ca`, or its built-in list), and made out to `servername`. Only then does it call
// this function; any doubt is an 'error' instead.
const ca = caFile === undefined ? undefined : read(caFile);
const socket = tls.connect({ host, port, ca, servername: 'localhost' }, () => {
  console.log(`${socket.getProtocol()} with ${server}: certificate of ${socket.getPeerCertificate().subject.CN} verified`);
  socket.write(`${message}\n`);
});
// #endregion connect

// #region answer
// What arrives is already decrypted. Once the line is back, end(): TLS sends its close_notify
// ("I am done"), then TCP its FIN.
socket.setEncoding('utf8');
socket.on('data', (text: string) => {
  process.stdout.write(text);
  if (text.includes('\n')) socket.end();
});
// #endregion answer

// #region errors
// One line and exit 1: nobody listening, a certificate we do not trust, a silent server.
socket.on('error', fail);
socket.setTimeout(timeout, () => fail(Object.assign(new Error(`no answer from ${server} in ${timeout} ms`), { code: 'ETIMEDOUT' })));
// #endregion errors

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage = 'usage: npx tsx examples/tls-client.ts [--host ADDRESS] [--port 1-65535] [--ca FILE] [--timeout MS] MESSAGE';
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: {
      host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '12443' },
      ca: { type: 'string' }, timeout: { type: 'string', default: '5000' }, help: { type: 'boolean' },
    } });
    if (values.help) exit(0, usage);
    if (positionals.length === 0) throw new Error('no MESSAGE to send');
    const [port, timeout] = [number('port', values.port, 1, 65535), number('timeout', values.timeout, 1, 600_000)];
    return { host: values.host, port, caFile: values.ca, timeout, message: positionals.join(' ') };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function number(name: string, text: string, min: number, max: number) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`invalid ${name} "${text}": use ${min} to ${max}`);
  return Number(text);
}

function read(file: string) {
  try {
    return readFileSync(file);
  } catch (err) {
    fail(err as NodeJS.ErrnoException);
  }
}

function fail(err: NodeJS.ErrnoException): never {
  const why = {
    ECONNREFUSED: `nothing is listening on ${server}`, ECONNRESET: `${server} broke off the connection`,
    ENOENT: `${err.path} does not exist`, DEPTH_ZERO_SELF_SIGNED_CERT: `cannot trust ${server}: self-signed certificate`,
  }[err.code ?? ''];
  exit(1, `${why ?? `${server}: ${err.message}`} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function address(host: string, port: number) {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
