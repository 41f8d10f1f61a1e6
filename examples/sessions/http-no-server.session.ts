import { defineSession } from '../../src/lib/session.ts';

// The web server lesson: the fetch client when no server is running.
export default defineSession({
  port: 8080,
  closedPorts: [8080],
  steps: [{ in: 'client', run: 'npx tsx examples/http-get.ts', exit: 1 }],
});
