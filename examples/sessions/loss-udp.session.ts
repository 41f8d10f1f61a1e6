import { defineSession } from '../../src/lib/session.ts';

// The retry client of udp/loss-and-retries against a network that really loses: the server's
// firewall drops 1 in every 3 UDP datagrams to port 12001, always the same ones (the 1st, 4th,
// 7th…), so that this transcript repeats. The first run's first attempt is lost, and its second
// one is echoed; the second run's first attempt (the 3rd datagram) passes; the third run's first
// attempt (the 4th) is lost again. The server never hears of a lost datagram.
export default defineSession({
  port: 12001,
  lab: 'loss',
  hosts: { server: 'server', client: 'laptop' },
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts --host 0.0.0.0 --port 12001' },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts --host 192.168.0.80 --port 12001 ping',
      waitFor: { server: '"ping"' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts --host 192.168.0.80 --port 12001 ping',
      waitFor: { server: '"ping"' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/udp-retry-client.ts --host 192.168.0.80 --port 12001 ping',
      waitFor: { server: '"ping"' },
    },
    { in: 'server', interrupt: true },
  ],
});
