import { defineSession } from '../../src/lib/session.ts';

// Our TypeScript echo server and netcat as its client: each line typed comes back.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts' },
    {
      in: 'client',
      start: 'nc -u -n 127.0.0.1 12000',
      type: 'olá\n',
      waitFor: ['olá', { server: 'olá' }],
    },
    { in: 'client', type: 'tudo bem?\n', waitFor: ['tudo bem?', { server: 'tudo bem?' }] },
    { in: 'client', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
