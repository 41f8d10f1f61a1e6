import { defineSession } from '../../src/lib/session.ts';

// ENOTFOUND without leaving loopback: Node's resolver asks only the course's DNS server (--dns),
// here the names lesson's exercise solved, which answers NXDOMAIN for a name it does not know.
export default defineSession({
  port: 5300,
  steps: [
    { in: 'server', start: 'npx tsx examples/exercises/dns-nxdomain/solution.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/connect-name.ts --host nada.test --dns 127.0.0.1:5300',
      exit: 1,
      waitFor: { server: '"nada.test" A:' },
    },
    { in: 'server', interrupt: true },
  ],
});
