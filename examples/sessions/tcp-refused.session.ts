import { defineSession } from '../../src/lib/session.ts';

// A TCP client with no server: the connection is refused at once (ECONNREFUSED).
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/tcp-client.ts hello', exit: 1 }],
});
