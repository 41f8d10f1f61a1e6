import { defineSession } from '../../src/lib/session.ts';

// Happy Eyeballs the same on every machine: curso.test is ::1 and 127.0.0.1 because the course's
// DNS server says so, and connect-name.ts asks only that server (--dns), never the system's resolver;
// that server knows nothing of localhost, which only /etc/hosts names.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'dns', start: 'npx tsx examples/dns-server.ts --port 5300' },
    { in: 'server', start: 'npx tsx examples/tcp-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/connect-name.ts --host curso.test --dns 127.0.0.1:5300',
      waitFor: { dns: '" A:', server: 'closed' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/connect-name.ts --host curso.test --dns 127.0.0.1:5300 --no-happy-eyeballs',
      exit: 1,
      waitFor: { dns: '" A:' },
    },
    { in: 'server', interrupt: true },
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host ::1' },
    {
      in: 'client',
      run: 'npx tsx examples/connect-name.ts --host curso.test --dns 127.0.0.1:5300',
      waitFor: { dns: '" A:', server: 'closed' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/connect-name.ts --dns 127.0.0.1:5300',
      exit: 1,
      waitFor: { dns: '"localhost" A:' },
    },
    { in: 'server', interrupt: true },
    { in: 'dns', interrupt: true },
  ],
});
