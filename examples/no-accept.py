# A TCP server that listens and never calls accept(): its accept queue fills up.
#
#   python3 examples/no-accept.py [--host 127.0.0.1] [--port 12000]
#
# Stop it with Ctrl+C.
import argparse
import errno
import signal
import socket
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument('--host', default='127.0.0.1')
parser.add_argument('--port', type=int, default=12000)
args = parser.parse_args()
if not 0 <= args.port <= 65535: parser.error(f'invalid port {args.port}: use 0 to 65535')

s = socket.socket(socket.AF_INET6 if ':' in args.host else socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind((args.host, args.port))
except OSError as err:  # EADDRINUSE, EACCES…: one line, exit 1
    sys.exit(f'cannot listen on {args.host}:{args.port}: {err.strerror} ({errno.errorcode[err.errno]})')
s.listen(0)  # the backlog: how many connections may wait for an accept() (Linux: 0 + 1)
where = f'[{args.host}]' if ':' in args.host else args.host  # [::1]:12000, as the other servers write it
for stop in (signal.SIGINT, signal.SIGTERM):  # Ctrl+C or a polite kill: exit 0 (from before it says it listens)
    signal.signal(stop, lambda *_: sys.exit(0))
print(f'no-accept server listening on {where}:{s.getsockname()[1]}', flush=True)
while True:
    time.sleep(3600)  # and never s.accept()
