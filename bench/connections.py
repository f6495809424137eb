#!/usr/bin/env python3
"""Bare SMTP connections per second: connect, read the banner, QUIT, close.

    bench/connections.py PORT [CONNECTIONS] [CONCURRENT]     (defaults: 5000 20)

What a connection costs the server apart from any message (smtp-source opens one per message).
Read the server's CPU from /proc/PID/stat before and after a run to get CPU per connection.
Loopback only.
"""
import asyncio
import sys
import time

port = int(sys.argv[1])
total = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
concurrent = int(sys.argv[3]) if len(sys.argv) > 3 else 20
started = 0


async def worker():
    global started
    while started < total:
        started += 1
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await reader.readline()
        writer.write(b"QUIT\r\n")
        await writer.drain()
        await reader.readline()
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


async def main():
    t0 = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(concurrent)))
    print(f"{total / (time.monotonic() - t0):.0f} connections/s")


asyncio.run(main())
