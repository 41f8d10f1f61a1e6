import { defineSession } from '../../src/lib/session.ts';

// The same server on 0.0.0.0, every interface: the phone connects, and so does the laptop itself.
export default defineSession({
  port: 12000,
  lab: 'two-hosts',
  hosts: { server: 'laptop', laptop: 'laptop', phone: 'phone' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0' },
    { in: 'laptop', run: 'ss -ltn' },
    {
      in: 'phone',
      run: 'npx tsx examples/tcp-client.ts --host 192.168.0.10 oi',
      waitFor: { server: 'closed' },
    },
    {
      in: 'laptop',
      run: 'npx tsx examples/tcp-client.ts oi',
      waitFor: { server: 'closed' },
    },
    { in: 'server', interrupt: true },
  ],
});
