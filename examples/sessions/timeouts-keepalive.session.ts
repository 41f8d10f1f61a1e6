import { defineSession } from '../../src/lib/session.ts';

// Keepalive on the server's sockets, first probe after 10 s of silence: ss -o shows the
// timer counting down on the server's side, and no timer on netcat's (keepalive is off by default).
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/ack-server.ts --keepalive 10000' },
    {
      in: 'client',
      start: 'nc -n 127.0.0.1 12000',
      type: 'pay 10\n',
      waitFor: ['ok 1', { server: 'answering' }],
    },
    { in: 'ss', run: 'ss -tno state established sport = :12000 or dport = :12000' },
    { in: 'client', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
