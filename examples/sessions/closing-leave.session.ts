import { defineSession } from '../../src/lib/session.ts';

// Three ways to leave a connection, and what the server sees of each.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/watch-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/leave-client.ts --how end',
      waitFor: { server: "'close'" },
    },
    {
      in: 'client',
      run: 'npx tsx examples/leave-client.ts --how destroy',
      waitFor: { server: "'close'" },
    },
    {
      in: 'client',
      run: 'npx tsx examples/leave-client.ts --how reset',
      waitFor: { server: "'close' after an error" },
    },
    { in: 'server', interrupt: true },
  ],
});
