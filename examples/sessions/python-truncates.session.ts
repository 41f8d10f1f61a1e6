import { defineSession } from '../../src/lib/session.ts';

// C and Python's recvfrom(bufsize) cut a longer datagram short, and say nothing:
// a socket sends itself 3000 bytes and reads them with a 2048-byte buffer.
export default defineSession({
  port: 12000,
  steps: [
    {
      in: 'client',
      run: `python3 -c "from socket import *; s = socket(AF_INET, SOCK_DGRAM); s.bind(('127.0.0.1', 0)); s.sendto(b'x' * 3000, s.getsockname()); print('got', len(s.recvfrom(2048)[0]), 'of 3000 bytes')"`,
    },
  ],
});
