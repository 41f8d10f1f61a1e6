import { defineSession } from '../../src/lib/session.ts';

// UDP on the same path, from a connected socket. 1200 bytes cross whole. The first 1400-byte
// datagram is dropped by the router (its DF flag forbids cutting it), whose ICMP "need to frag"
// reaches the socket as EMSGSIZE. The next ones leave in two fragments (tcpdump names the second
// ip-proto-17) and arrive; but the server, which never heard of the narrow link, echoes in one
// packet: the isp drops that echo and tells the server. The third echo comes back in fragments.
export default defineSession({
  port: 12000,
  lab: 'mtu',
  hosts: {
    server: 'server',
    'capture-laptop': 'laptop',
    'capture-server': 'server',
    client: 'laptop',
  },
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts --host 0.0.0.0' },
    { in: 'capture-laptop', start: 'tcpdump -i eth0 -n -t udp or icmp' },
    { in: 'capture-server', start: 'tcpdump -i eth0 -n -t udp or icmp' },
    {
      in: 'client',
      run: 'npx tsx examples/echo-sizes.ts --host 203.0.113.80 1200 1400 1400 1400',
      waitFor: [{ server: '1200 bytes' }, { server: '1400 bytes' }, { server: '1400 bytes' }],
    },
    { in: 'capture-laptop', interrupt: true },
    { in: 'capture-server', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
