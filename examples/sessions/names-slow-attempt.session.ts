import { defineSession } from '../../src/lib/session.ts';

// Happy Eyeballs dropping a slow attempt: curso.test is ::1 and 127.0.0.1 (the course's DNS
// server says so). On ::1 listens a server that never accepts; nc's connection fills its accept
// queue, so the kernel drops the next SYN to ::1 without an answer. connect-name.ts gives that
// attempt 250 ms, drops it and connects to 127.0.0.1 instead.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'dns', start: 'npx tsx examples/dns-server.ts --port 5300' },
    { in: 'slow', start: 'python3 examples/no-accept.py --host ::1 --port 12000' },
    { in: 'client', run: 'nc -v -z -n ::1 12000' },
    { in: 'server', start: 'npx tsx examples/tcp-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/connect-name.ts --host curso.test --dns 127.0.0.1:5300',
      waitFor: [{ dns: 'AAAA' }, { dns: ' A:' }, { server: 'connection' }, { server: 'closed' }],
    },
    { in: 'server', interrupt: true },
    { in: 'slow', interrupt: true },
    { in: 'dns', interrupt: true },
  ],
});
