import { defineSession } from '../../src/lib/session.ts';

// destroy() sends FIN when nothing is left unread, RST when received bytes are still unread.
export default defineSession({
  port: 12000,
  closedPorts: [12000],
  steps: [{ in: 'client', run: 'npx tsx examples/destroy-unread.ts' }],
});
