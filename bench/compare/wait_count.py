#!/usr/bin/env python3
"""Waits until an IMAP mailbox holds at least COUNT messages: STATUS INBOX (MESSAGES) on one
logged-in connection, every 50 ms, for at most TIMEOUT seconds. Exit 0 when reached, 1 if not.

    wait_count.py HOST PORT USER PASSWORD COUNT [TIMEOUT]
"""
import imaplib
import re
import sys
import time

host, port, user, password, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
deadline = time.monotonic() + (float(sys.argv[6]) if len(sys.argv) > 6 else 600)
imap = imaplib.IMAP4(host, port)
imap.login(user, password)
seen = -1
while time.monotonic() < deadline:
    typ, data = imap.status("INBOX", "(MESSAGES)")
    seen = int(re.search(rb"MESSAGES (\d+)", data[0]).group(1)) if typ == "OK" else -1
    if seen >= count:
        imap.logout()
        sys.exit(0)
    time.sleep(0.05)
sys.exit(f"wait_count: {user} has {seen} of {count} messages after the timeout")
