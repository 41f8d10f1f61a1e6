import { defineSession } from '../../src/lib/session.ts';

// A listener that never accepts: the first connection completes anyway (the kernel does the
// handshake) and waits in the accept queue; the queue is then full, the next SYN is dropped,
// and the second client's connect hangs until its own timeout. The capture keeps the packets
// with the SYN flag: the second SYN gets no SYN-ACK. (Should the kernel send that SYN again
// before the client gives up, the copy is left out, as every retransmission is.)
export default defineSession({
  port: 12000,
  steps: [
    {
      in: 'capture',
      start: "sudo tcpdump -i lo -n -t 'port 12000 and tcp[tcpflags] & tcp-syn != 0'",
    },
    { in: 'server', start: 'python3 examples/no-accept.py --port 12000' },
    { in: 'client', run: 'npx tsx examples/ack-client.ts --timeout 1000 one', exit: 1 },
    { in: 'client', run: 'ss -tln sport = :12000' },
    { in: 'client', run: 'npx tsx examples/ack-client.ts --timeout 1000 two', exit: 1 },
    { in: 'client', run: 'cat /proc/sys/net/ipv4/tcp_syn_retries' },
    { in: 'capture', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
