import { defineSession } from '../../src/lib/session.ts';

// The web server lesson: Node's fetch as the client.
export default defineSession({
  port: 8080,
  steps: [
    { in: 'server', start: 'npx tsx examples/http-server.ts' },
    { in: 'client', run: 'npx tsx examples/http-get.ts', waitFor: { server: '"GET / ' } },
    {
      in: 'client',
      run: 'npx tsx examples/http-get.ts /page.html',
      waitFor: { server: '"GET /page.html ' },
    },
    { in: 'server', interrupt: true },
  ],
});
