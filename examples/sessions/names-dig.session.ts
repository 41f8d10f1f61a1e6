import { defineSession } from '../../src/lib/session.ts';

// dig, a standard DNS client, asks the course's DNS server on loopback (@127.0.0.1, never another).
export default defineSession({
  port: 5300,
  steps: [
    { in: 'server', start: 'npx tsx examples/dns-server.ts' },
    {
      in: 'client',
      run: 'dig @127.0.0.1 -p 5300 +noall +answer curso.test A',
      waitFor: { server: 'asks' },
    },
    {
      in: 'client',
      run: 'dig @127.0.0.1 -p 5300 +noall +answer curso.test AAAA',
      waitFor: { server: 'asks' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/dns-query.ts curso.test AAAA',
      waitFor: { server: 'asks' },
    },
    { in: 'server', interrupt: true },
  ],
});
