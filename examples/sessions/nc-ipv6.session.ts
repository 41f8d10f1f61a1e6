import { defineSession } from '../../src/lib/session.ts';

// The localhost trap, made explicit: a server on 127.0.0.1 never hears ::1.
// netcat's connected socket gets the refusal and quits; our unconnected client just times out.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts' },
    { in: 'client', start: 'nc -u -n ::1 12000', type: 'olá\n', waitFor: { exit: 0 } },
    { in: 'client', run: 'npx tsx examples/udp-client.ts --host ::1 --timeout 1000 olá', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
