import { defineSession } from '../../src/lib/session.ts';

// The UDP echo lesson: a server, two clients, Ctrl+C.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/udp-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/udp-client.ts "olá, mundo"',
      waitFor: { server: 'olá, mundo' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/udp-client.ts "This is the message. It will be repeated."',
      waitFor: { server: 'It will be repeated' },
    },
    { in: 'server', interrupt: true },
  ],
});
