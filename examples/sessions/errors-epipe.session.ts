import { defineSession } from '../../src/lib/session.ts';

// After an RST on a connection open both ways: the first call to report it says ECONNRESET,
// and only the writes after that get EPIPE. Python plays both ends on loopback; SO_LINGER 0 makes
// close() send an RST (Node's resetAndDestroy()). The second run reads the waiting error with
// getsockopt(SO_ERROR) first, then writes.
const connect =
  "l = socket.create_server(('127.0.0.1', 0)); c = socket.create_connection(l.getsockname()); s, _ = l.accept(); s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); s.close()";

export default defineSession({
  port: 12000,
  steps: [
    {
      in: 'client',
      run: `python3 -c "import socket, struct; ${connect}; c.send(b'one')"`,
      exit: 1,
    },
    {
      in: 'client',
      run: `python3 -c "import errno, socket, struct; ${connect}; print('SO_ERROR:', errno.errorcode[c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)]); c.send(b'two')"`,
      exit: 1,
    },
  ],
});
