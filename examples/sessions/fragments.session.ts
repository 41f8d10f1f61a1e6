import { defineSession } from '../../src/lib/session.ts';

// udp6 datagrams over 65,488 bytes are cut into fragments even on loopback (lo's MTU is 65,536:
// 40 + 8 + 65,489 > 65,536). The program counts them with the kernel's Ip6FragCreates, a counter of
// the whole machine: it sends each size three times and keeps the smallest growth, so that another
// program fragmenting at the same moment (another test, say) does not change the transcript.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/fragments.ts' }],
});
