import { defineSession } from '../../src/lib/session.ts';

// Writing after the server closed: the server closes an idle connection (FIN); the client,
// once it has seen the FIN, writes "first" (accepted; the server's kernel answers RST) and, 300 ms
// later (late-client.ts's --pause), "second" (EPIPE). The capture shows the RST that the program
// never sees.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
    { in: 'server', start: 'npx tsx examples/tcp-server.ts --idle 500' },
    {
      in: 'client',
      run: 'npx tsx examples/late-client.ts',
      exit: 1,
      waitFor: { server: 'closed' },
    },
    { in: 'server', interrupt: true },
    { in: 'capture', interrupt: true },
  ],
});
