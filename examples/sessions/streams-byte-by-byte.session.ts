import { defineSession } from '../../src/lib/session.ts';

// line-client.ts --byte-by-byte on the wire: each byte it writes leaves in a packet of its own,
// the two bytes of the ç included. The filter keeps the packets that open the connection (SYN) or
// carry data (PSH): the server's answer is the last.
export default defineSession({
  port: 12000,
  steps: [
    {
      in: 'capture',
      start: "sudo tcpdump -i lo -n -t 'port 12000 and tcp[tcpflags] & (tcp-syn|tcp-push) != 0'",
    },
    { in: 'server', start: 'npx tsx examples/line-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/line-client.ts --byte-by-byte ação',
      waitFor: { server: 'line 1' },
    },
    { in: 'server', interrupt: true },
    { in: 'capture', interrupt: true },
  ],
});
