import { defineSession } from '../../src/lib/session.ts';

// `nc -uv` "succeeded": netcat probes by sending X bytes, which the server prints.
// With the server gone, on loopback, the kernel refuses at once and nc says nothing.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'nc -u -l -n -v 127.0.0.1 12000' },
    { in: 'client', run: 'nc -u -n -v -w1 127.0.0.1 12000', waitFor: { server: 'XXX' } },
    { in: 'server', interrupt: true },
    { in: 'client', run: 'nc -u -n -v -w1 127.0.0.1 12000', exit: 1 },
  ],
});
