import { defineSession } from '../../src/lib/session.ts';

// The netcat lesson: a UDP "chat" between two netcat-openbsd processes. What each
// reader types is the stdin of a start step (typed, and echoed, as in a terminal);
// the server types its answer once the first message has arrived. A second client
// is never heard: the server's socket is connected to the first one.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'nc -u -l -n -v 127.0.0.1 12000', stdin: 'oi, cliente\n' },
    { in: 'client', start: 'nc -u -n 127.0.0.1 12000', stdin: 'olá, servidor\n' },
    { in: 'client', interrupt: true },
    { in: 'client', start: 'nc -u -n 127.0.0.1 12000', stdin: 'alguém aí?\n' },
    { in: 'server', interrupt: true },
  ],
});
