import { defineSession } from '../../src/lib/session.ts';

// Seeing the packets: a datagram to a port nobody listens on gets an ICMP port unreachable; a connected socket hears of it as ECONNREFUSED.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: "sudo tcpdump -i lo -n -t 'port 12000 or icmp'" },
    { in: 'client', run: 'npx tsx examples/udp-retry-client.ts --connect ping', exit: 1 },
    { in: 'capture', interrupt: true },
  ],
});
