import { defineSession } from '../../src/lib/session.ts';

// chunks.ts on the wire: the three short writes leave in three packets (Nagle is off), though the
// reader gets them in one 'data' event. The filter keeps the packets that open a connection (SYN)
// or carry data (PSH), of at most 100 bytes in all: the second experiment's large ones stay out.
export default defineSession({
  port: 12000,
  steps: [
    {
      in: 'capture',
      start:
        "sudo tcpdump -i lo -n -t 'port 12000 and tcp[tcpflags] & (tcp-syn|tcp-push) != 0 and less 100'",
    },
    { in: 'client', run: 'npx tsx examples/chunks.ts --port 12000' },
    { in: 'capture', interrupt: true },
  ],
});
