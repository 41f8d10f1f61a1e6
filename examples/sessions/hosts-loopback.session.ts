import { defineSession } from '../../src/lib/session.ts';

// Two hosts on one network: the laptop's server listens on 127.0.0.1 (its default), so the
// phone, which reaches the laptop at 192.168.0.10, is refused.
export default defineSession({
  port: 12000,
  lab: 'two-hosts',
  hosts: { server: 'laptop', laptop: 'laptop', phone: 'phone' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts' },
    { in: 'laptop', run: 'ip -4 -br addr' },
    { in: 'laptop', run: 'ss -ltn' },
    { in: 'phone', run: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
