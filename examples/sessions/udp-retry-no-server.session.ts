import { defineSession } from '../../src/lib/session.ts';

// No server at all: an unconnected socket hears only silence until its last
// attempt; a connected one is told ECONNREFUSED straight away.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [
    { in: 'client', run: 'npx tsx examples/udp-retry-client.ts --retries 2 ping', exit: 1 },
    { in: 'client', run: 'npx tsx examples/udp-retry-client.ts --connect ping', exit: 1 },
  ],
});
