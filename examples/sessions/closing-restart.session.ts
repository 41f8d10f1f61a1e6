import { defineSession } from '../../src/lib/session.ts';

// The server closes first, so its side of the connection waits in TIME_WAIT.
// Then, with the server stopped: Python's plain bind() fails (no SO_REUSEADDR), Python with
// SO_REUSEADDR works, so does socket.create_server() (which sets SO_REUSEADDR on POSIX systems),
// and so does restarting the Node server.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/watch-server.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/leave-client.ts --how quit',
      waitFor: { server: "'close'" },
    },
    { in: 'server', interrupt: true },
    { in: 'client', run: 'ss -tn state time-wait sport = :12000' },
    {
      in: 'client',
      run: `python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 12000))"`,
      exit: 1,
    },
    {
      in: 'client',
      run: `python3 -c "import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 12000)); print('bound')"`,
    },
    {
      in: 'client',
      run: `python3 -c "import socket; s = socket.create_server(('127.0.0.1', 12000)); print('listening')"`,
    },
    { in: 'server', start: 'npx tsx examples/watch-server.ts' },
    { in: 'server', interrupt: true },
  ],
});
