# A TCP server that listens and never calls accept(): its accept queue fills up.
#
#   python3 examples/no-accept.py [--host 127.0.0.1] [--port 12000]
#
# Stop it with Ctrl+C.
import argparse
import socket
import time

parser = argparse.ArgumentParser()
parser.add_argument('--host', default='127.0.0.1')
parser.add_argument('--port', type=int, default=12000)
args = parser.parse_args()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind((args.host, args.port))
s.listen(0)  # the backlog: how many connections may wait for an accept() (Linux: 0 + 1)
print(f'no-accept server listening on {args.host}:{s.getsockname()[1]}', flush=True)

try:
    while True:
        time.sleep(3600)  # and never s.accept()
except KeyboardInterrupt:  # Ctrl+C
    pass
