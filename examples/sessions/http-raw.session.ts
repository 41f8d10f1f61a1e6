import { defineSession } from '../../src/lib/session.ts';

// The web server lesson: HTTP typed by hand into netcat (-C: lines end in CRLF).
// What the reader types is each step's stdin: a full request, one without Host,
// and one that never ends (the server gives up after --idle-ms).
export default defineSession({
  port: 8080,
  steps: [
    { in: 'server', start: 'npx tsx examples/http-server.ts --idle-ms 2000' },
    {
      in: 'client',
      run: 'nc -C 127.0.0.1 8080',
      stdin: 'GET / HTTP/1.1\nHost: 127.0.0.1\n\n',
      waitFor: { server: '200 OK' },
    },
    {
      in: 'client',
      run: 'nc -C 127.0.0.1 8080',
      stdin: 'GET / HTTP/1.1\n\n',
      waitFor: { server: '400 Bad Request' },
    },
    {
      in: 'client',
      run: 'nc -C 127.0.0.1 8080',
      stdin: 'GET / HTTP/1.1\n',
      waitFor: { server: 'no complete request' },
    },
    { in: 'server', interrupt: true },
  ],
});
