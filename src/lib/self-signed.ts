// A self-signed certificate for localhost, made with node:crypto alone, for the checks and tests
// that need a TLS server on a machine without openssl (the TLS lesson makes its own with openssl).
// What `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=localhost
// -addext subjectAltName=DNS:localhost,IP:127.0.0.1` makes: an X.509 v3 certificate, P-256 key,
// signed with its own key (ECDSA with SHA-256), written here in DER by hand.
import { X509Certificate, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface CertificateAndKey {
  /** The certificate, PEM: what the server presents, and what a client trusts with `ca`. */
  cert: string;
  /** Its private key, PEM (PKCS #8). */
  key: string;
}

/** A new key pair and a certificate for CN=localhost (DNS:localhost, IP:127.0.0.1), valid for a day. */
export function selfSigned({ days = 1 }: { days?: number } = {}): CertificateAndKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from('localhost')))));
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40; // positive, and no leading zero byte
  const extensions = [
    // subjectAltName: the names a client checks (DNS:localhost, IP:127.0.0.1)
    seq(
      oid('2.5.29.17'),
      tlv(0x04, seq(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])))),
    ),
    // basicConstraints, critical: CA:TRUE, as openssl req -x509 writes it
    seq(
      oid('2.5.29.19'),
      tlv(0x01, Buffer.from([0xff])),
      tlv(0x04, seq(tlv(0x01, Buffer.from([0xff])))),
    ),
  ];
  const tbs = seq(
    tlv(0xa0, int(Buffer.from([2]))), // version 3
    int(serial),
    ecdsaWithSha256,
    name, // issuer: itself
    seq(time(new Date(now - 60_000)), time(new Date(now + days * 86_400_000))),
    name, // subject
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const cert = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  if (!new X509Certificate(cert).verify(publicKey))
    throw new Error('selfSigned: the certificate does not verify');
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

/** DER: tag, length, value. */
function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const value = Buffer.concat(parts);
  const n = value.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), value]);
}
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
const int = (bytes: Buffer) => tlv(0x02, bytes);
const time = (date: Date) =>
  tlv(0x17, Buffer.from(`${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`)); // UTCTime

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const n of rest) {
    const base128 = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) base128.unshift((v & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}
