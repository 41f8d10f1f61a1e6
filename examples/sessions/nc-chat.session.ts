import { defineSession } from '../../src/lib/session.ts';

// The netcat lesson: a UDP "chat" between two netcat-openbsd processes. What each
// reader types is a `type` (typed, and echoed, as in a terminal); the server types its
// answer once the first message has arrived. A second client is never heard: the
// server's socket is connected to the first one, and the kernel refuses the second's
// datagram, so that netcat ends.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'nc -u -l -n -v 127.0.0.1 12000' },
    {
      in: 'client',
      start: 'nc -u -n 127.0.0.1 12000',
      type: 'olá, servidor\n',
      waitFor: { server: 'olá, servidor' },
    },
    { in: 'server', type: 'oi, cliente\n', waitFor: { client: 'oi, cliente' } },
    { in: 'client', interrupt: true },
    {
      in: 'client',
      start: 'nc -u -n 127.0.0.1 12000',
      type: 'alguém aí?\n',
      waitFor: { exit: 0 },
    },
    { in: 'server', interrupt: true },
  ],
});
