import { defineSession } from '../../src/lib/session.ts';

// A DNS query built by hand, sent to the course's DNS server on loopback (never to another resolver).
export default defineSession({
  port: 5300,
  steps: [
    { in: 'server', start: 'npx tsx examples/dns-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/dns-query.ts curso.test',
      waitFor: { server: '"curso.test"' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/dns-query.ts nada.test',
      waitFor: { server: '"nada.test"' },
    },
    { in: 'server', interrupt: true },
  ],
});
