import { defineSession } from '../../src/lib/session.ts';

// EHOSTUNREACH from a firewall: the server's firewall answers the SYN to 12004 with an ICMP
// "host prohibited", and the kernel reports the host as unreachable, though it is right there.
export default defineSession({
  port: 12004,
  lab: 'firewall',
  hosts: { client: 'laptop' },
  steps: [
    {
      in: 'client',
      run: 'npx tsx examples/tcp-client.ts --host 198.51.100.80 --port 12004 oi',
      exit: 1,
    },
  ],
});
