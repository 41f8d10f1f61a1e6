import { defineSession } from '../../src/lib/session.ts';

// Port forwarding: the router sends what reaches its port 8080 from outside to the server at
// home, 192.168.0.80:12000 (nft dnat). The phone, outside, connects to the router's address; the
// server sees the phone's. The server's own address is private: from outside it leads nowhere.
export default defineSession({
  port: 12000,
  lab: 'port-forward',
  hosts: { server: 'server', phone: 'phone' },
  steps: [
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --host 0.0.0.0' },
    {
      in: 'phone',
      run: 'npx tsx examples/tcp-client.ts --host 203.0.113.1 --port 8080 oi',
      waitFor: { server: 'closed' },
    },
    { in: 'phone', run: 'npx tsx examples/tcp-client.ts --host 192.168.0.80 oi', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
