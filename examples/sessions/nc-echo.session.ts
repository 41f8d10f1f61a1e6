import { defineSession } from '../../src/lib/session.ts';

// Our TypeScript echo server and netcat as its client: each line typed comes back.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts' },
    { in: 'client', start: 'nc -u -n 127.0.0.1 12000', stdin: 'olá\ntudo bem?\n' },
    { in: 'client', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
