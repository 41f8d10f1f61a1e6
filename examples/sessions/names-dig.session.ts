import { defineSession } from '../../src/lib/session.ts';

// dig, a standard DNS client, asks the course's DNS server on loopback (@127.0.0.1, never another).
export default defineSession({
  port: 5300,
  steps: [
    { in: 'server', start: 'npx tsx examples/dns-server.ts' },
    { in: 'client', run: 'dig @127.0.0.1 -p 5300 +noall +answer curso.test A' },
    { in: 'client', run: 'dig @127.0.0.1 -p 5300 +noall +answer curso.test AAAA' },
    { in: 'client', run: 'npx tsx examples/dns-query.ts curso.test AAAA' },
    { in: 'server', interrupt: true },
  ],
});
