// Self-signed certificates for localhost, for the checks and tests that need a TLS server on a
// machine without openssl (the TLS lesson makes its own with openssl). Made once with OpenSSL 3.0,
// as the lesson does but for a century, two key pairs with the same name (one to trust, one an
// impostor), and kept here as text:
//   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 \
//     -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
//     -keyout key.pem -out cert.pem
// Their private keys are public: they protect nothing but a test's loopback connection.

export interface CertificateAndKey {
  /** The certificate, PEM: what the server presents, and what a client trusts with `ca`. */
  cert: string;
  /** Its private key, PEM (PKCS #8). */
  key: string;
}

/** A certificate for CN=localhost (DNS:localhost, IP:127.0.0.1), valid until 2126, and its key. */
export const localhost: CertificateAndKey = {
  cert: `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUKjjuQSzQ6q3ZSv1gFJujE4VtimQwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNzE0NDUyMFoYDzIxMjYxMTEz
MTQ0NTIwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQiIMqS4nGpH/5h/VkA98IootabO5LNSb0zHUpOSRmgDbqnUUkgkIHE
8MgEJe7cQ6e99aHY7bevb9R5cPxr73xco28wbTAdBgNVHQ4EFgQUEyPKCW+ILTtf
UFg6YIp8I2o6RzUwHwYDVR0jBBgwFoAUEyPKCW+ILTtfUFg6YIp8I2o6RzUwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhAI0f4qxEVSG2EW1NNg2o7mhHSqy87oE30j8uROPMFLo0AiEA
xEZJSXsg8B+Vb4jengyFGjhN03xXX2o3AabueakU8Lk=
-----END CERTIFICATE-----
`,
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgLJS/QFVu96WVG37r
ughrWdi1hO+kz13au25O6VqJ34ehRANCAAQiIMqS4nGpH/5h/VkA98IootabO5LN
Sb0zHUpOSRmgDbqnUUkgkIHE8MgEJe7cQ6e99aHY7bevb9R5cPxr73xc
-----END PRIVATE KEY-----
`,
};

/** Another key pair with the same name (CN=localhost): an impostor a client must refuse. */
export const impostor: CertificateAndKey = {
  cert: `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUXrysHh+9Wf7xWvseGyGRyyC2Ow4wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNzE0NDUyMFoYDzIxMjYxMTEz
MTQ0NTIwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASg4je3YyyKfVpwAxGjlFlYG6gMM6hwn/6rT+voCCObgcHOB1OJm09Z
dqsZnXnqTGYQhZGoKZPPv94UKhpKWAcAo28wbTAdBgNVHQ4EFgQU/7WTRQrboKzM
i62fi1wlvxU6UMMwHwYDVR0jBBgwFoAU/7WTRQrboKzMi62fi1wlvxU6UMMwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAIXRshfelUf0QzE9c+LLl4OTditDJFMfMJrWhm6fn2XdAiBE
mrIU6idJFgmnkZHjGZiD0ML3Pxt/0P5TrcNa64CdbA==
-----END CERTIFICATE-----
`,
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvS/nSPRmoi/PERJc
Oe74K5ksEHT0ZSw/O5+KdpjmXvChRANCAASg4je3YyyKfVpwAxGjlFlYG6gMM6hw
n/6rT+voCCObgcHOB1OJm09ZdqsZnXnqTGYQhZGoKZPPv94UKhpKWAcA
-----END PRIVATE KEY-----
`,
};
