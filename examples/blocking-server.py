# Kurose & Ross's TCP server, blocking: one client at a time, 1 s of work each.
# Run: python3 examples/blocking-server.py [PORT]
import argparse, errno, os, signal, sys, time
from socket import create_server

parser = argparse.ArgumentParser(prog='python3 examples/blocking-server.py')
parser.add_argument('port', nargs='?', type=int, default=12000)
port = parser.parse_args().port
if not 0 <= port <= 65535: parser.error(f'invalid port {port}: use 0 to 65535')
for sig in (signal.SIGINT, signal.SIGTERM):  # Ctrl+C or kill: exit 0
    signal.signal(sig, lambda *_: sys.exit(0))
try:
    server = create_server(('127.0.0.1', port))  # socket, bind, listen
except OSError as err:  # port in use, or below 1024
    parser.exit(1, f'cannot listen on 127.0.0.1:{port}: {os.strerror(err.errno)} ({errno.errorcode[err.errno]})\n')
print(f'blocking server listening on 127.0.0.1:{server.getsockname()[1]}', flush=True)
while True:
    conn, _ = server.accept()  # wait for a client (the others wait in the backlog)
    with conn:
        try:
            request = conn.recv(1024)  # wait for its request
            time.sleep(1)  # slow work: nobody else is served meanwhile
            conn.sendall(request.decode(errors='replace').upper().encode())
        except OSError:
            pass  # a client that vanished: on to the next
