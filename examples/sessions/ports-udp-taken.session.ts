import { defineSession } from '../../src/lib/session.ts';

// A UDP server holds 12000; TCP 12000 is still free, UDP 12000 is not.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts' },
    { in: 'ports', run: 'npx tsx examples/ports.ts --port 12000', exit: 1 },
    { in: 'server', interrupt: true },
  ],
});
