import { defineSession } from '../../src/lib/session.ts';

// connect-name.ts with the system's resolver: what `localhost` is comes from /etc/hosts and, since
// net.connect asks with AI_ADDRCONFIG, from whether the machine has an IPv6 address other than ::1
// (without one, it gets no IPv6 answer at all). So this transcript holds on machines where the
// answer is 127.0.0.1 only, as on the one that recorded it.
export default defineSession({
  port: 12000,
  machine: async () => {
    const dns = await import('node:dns');
    // What net.connect asks for (every address, ADDRCONFIG); answered from /etc/hosts, no network.
    const found = await dns.promises.lookup('localhost', { all: true, hints: dns.ADDRCONFIG });
    const here = found.map((a) => a.address).join(', ');
    return here === '127.0.0.1'
      ? undefined
      : `recorded where localhost is 127.0.0.1 only; here it is ${here}`;
  },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts' },
    { in: 'client', run: 'npx tsx examples/connect-name.ts', waitFor: { server: 'closed' } },
    { in: 'server', interrupt: true },
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host ::1' },
    { in: 'client', run: 'npx tsx examples/connect-name.ts', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
