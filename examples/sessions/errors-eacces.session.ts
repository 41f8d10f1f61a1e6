import { defineSession } from '../../src/lib/session.ts';

// A datagram to loopback's broadcast address without setBroadcast(true): the kernel refuses it
// (EACCES) before anything is sent, even for root. (Linux: 127.255.255.255 is lo's broadcast.)
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [
    { in: 'client', run: 'npx tsx examples/udp-client.ts --host 127.255.255.255 hello', exit: 1 },
  ],
});
