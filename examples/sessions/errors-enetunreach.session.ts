import { defineSession } from '../../src/lib/session.ts';

// ENETUNREACH: the phone knows one network, its own (192.168.0.0/24), and has no default route;
// for an address outside it, the kernel has nowhere to send the SYN and says so at once.
export default defineSession({
  port: 12000,
  lab: 'two-hosts',
  hosts: { phone: 'phone' },
  steps: [
    { in: 'phone', run: 'ip route' },
    { in: 'phone', run: 'npx tsx examples/tcp-client.ts --host 203.0.113.80 oi', exit: 1 },
  ],
});
