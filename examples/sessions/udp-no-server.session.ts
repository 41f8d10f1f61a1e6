import { defineSession } from '../../src/lib/session.ts';

// A UDP client with no server: nothing answers, nothing reports an error,
// and the client gives up after its timeout.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/udp-client.ts --timeout 1000 ping', exit: 1 }],
});
