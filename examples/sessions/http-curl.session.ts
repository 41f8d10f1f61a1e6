import { defineSession } from '../../src/lib/session.ts';

// The web server lesson: curl asks for a page, a page that does not exist, and only the headers.
export default defineSession({
  port: 8080,
  steps: [
    { in: 'server', start: 'npx tsx examples/http-server.ts' },
    { in: 'client', run: 'curl -si http://127.0.0.1:8080/', waitFor: { server: '200 OK' } },
    { in: 'client', run: 'curl -si http://127.0.0.1:8080/nada', waitFor: { server: '404' } },
    { in: 'client', run: 'curl -sI http://127.0.0.1:8080/', waitFor: { server: 'HEAD' } },
    { in: 'server', interrupt: true },
  ],
});
