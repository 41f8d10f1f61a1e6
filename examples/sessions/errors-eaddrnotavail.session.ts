import { defineSession } from '../../src/lib/session.ts';

// bind() to an address this machine does not have (192.0.2.1, TEST-NET-1, RFC 5737): EADDRNOTAVAIL.
// bind sends nothing: no packet leaves the machine.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'server', run: 'npx tsx examples/udp-server.ts --host 192.0.2.1', exit: 1 }],
});
