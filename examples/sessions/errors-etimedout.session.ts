import { defineSession } from '../../src/lib/session.ts';

// ETIMEDOUT in 3 s, on loopback: the first connection fills the accept queue of a listener that
// never accepts (backlog 0), so the next SYNs are dropped; TCP_SYNCNT 1 (for that socket only)
// makes the kernel give up after one retry, 1 + 2 seconds, instead of 127 s.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'python3 examples/no-accept.py --port 12000' },
    {
      in: 'client',
      run: `python3 -c "import socket; socket.create_connection(('127.0.0.1', 12000))"`,
    },
    {
      in: 'client',
      run: `python3 -c "import socket; s = socket.socket(); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 1); s.connect(('127.0.0.1', 12000))"`,
      exit: 1,
    },
    { in: 'server', interrupt: true },
  ],
});
