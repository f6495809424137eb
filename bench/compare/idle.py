#!/usr/bin/env python3
"""Holds COUNT idle SMTP connections to HOST:PORT: connects, reads each banner, then waits.

Prints "ready N" once N banners were read, then sleeps until stdin closes or HOLD seconds
pass (a bounded wait: the benchmark never leaves connections behind), and closes them all.
"""
import resource
import socket
import sys
import select

host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
hold = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 64)), hard))

conns = []
for _ in range(count):
    s = socket.create_connection((host, port), timeout=30)
    conns.append(s)
for s in conns:
    banner = s.recv(512)
    if not banner.startswith(b"220"):
        sys.exit(f"idle: no 220 banner: {banner!r}")
print(f"ready {len(conns)}", flush=True)
select.select([sys.stdin], [], [], hold)
for s in conns:
    s.close()
