#!/usr/bin/env python3
"""Memory of a server: PID and all its descendants (Postfix's master and every child), summed.

Prints "RSS_KB PSS_KB PROCESSES". RSS counts shared pages once per process (so it overstates a
multi-process server); PSS (/proc/PID/smaps_rollup) splits them among the sharers.
"""
import os
import sys


def children():
    kids = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def field(path, name):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


kids = children()
todo, seen = [int(p) for p in sys.argv[1:]], []
while todo:
    pid = todo.pop()
    seen.append(pid)
    todo.extend(kids.get(pid, []))
rss = sum(field(f"/proc/{p}/status", "VmRSS") for p in seen)
pss = sum(field(f"/proc/{p}/smaps_rollup", "Pss") for p in seen)
print(rss, pss, len(seen))
