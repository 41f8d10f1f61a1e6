import { defineSession } from '../../src/lib/session.ts';

// The sockets and ports lesson: port 0, TCP and UDP on one number, a connection's 4-tuple.
export default defineSession({
  port: 12000,
  steps: [{ in: 'ports', run: 'npx tsx examples/ports.ts --port 0' }],
});
