#!/usr/bin/env bash
# A big IMAP folder: how long SELECT and a FETCH of the newest 50 messages' headers take in
# a mailbox of MESSAGES messages (issue 5 asks for 100,000). Release build of maild on
# loopback, filled over SMTP with smtp-source, then timed with Python's imaplib:
#   - LOGIN + SELECT INBOX (the session gets the folder's message list from the mailbox actor)
#   - UID FETCH of the newest 50: ENVELOPE, FLAGS and BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)]
#     first cold (summaries parsed and stored as sidecars), then warm (read back)
#   - the same after a restart of maild (mailbox recovered from its snapshot)
#
#   bench/imap-large.sh [MESSAGES]      (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-100000}
command -v smtp-source >/dev/null || { echo "bench: smtp-source missing (apt-get install postfix)" >&2; exit 1; }

work=$(mktemp -d /tmp/maild-imapbench.XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet publish src/Host -c Release -o "$work/bin" >/dev/null
export MAILD_DATA_DIR=$work/data MAILD_SMTP_LISTEN=127.0.0.1:25261 MAILD_POP3_LISTEN= MAILD_POP3S_LISTEN= \
       MAILD_IMAP_LISTEN=127.0.0.1:25262 MAILD_IMAPS_LISTEN= MAILD_MANAGEMENT_LISTEN= \
       MAILD_HOSTNAME=mx.bench.test MAILD_DOMAINS=bench.test
dotnet "$work/bin/maild.dll" user add big@bench.test --password bench >/dev/null
start_maild() {
    dotnet "$work/bin/maild.dll" serve >> "$work/maild.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do
        [ "$(grep -c "maild ready" "$work/maild.log" 2>/dev/null)" -ge "$1" ] && return
        sleep 0.2
    done
    echo "bench: maild did not start" >&2; exit 1
}
start_maild 1
t0=$(date +%s.%N)
smtp-source -s 20 -m "$messages" -l 2048 -f bench@remote.test -t big@bench.test 127.0.0.1:25261
t1=$(date +%s.%N)
echo "filled $messages messages in $(echo "$t1 - $t0" | bc) s"

measure() {
python3 - "$messages" <<'PY'
import imaplib, sys, time
n = int(sys.argv[1])
t = time.perf_counter()
m = imaplib.IMAP4("127.0.0.1", 25262)
m.login("big@bench.test", "bench")
typ, data = m.select("INBOX")
t_select = time.perf_counter() - t
assert int(data[0]) == n, data
def newest50():
    t = time.perf_counter()
    typ, data = m.fetch(f"{n-49}:{n}", "(UID FLAGS ENVELOPE BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)])")
    assert typ == "OK" and len([d for d in data if isinstance(d, tuple)]) == 50, (typ, len(data))
    return time.perf_counter() - t
cold, warm = newest50(), newest50()
t = time.perf_counter(); m.uid("SEARCH", "UNSEEN"); t_search = time.perf_counter() - t
m.logout()
print(f"login+select {t_select*1000:.0f} ms; fetch newest 50 headers: first {cold*1000:.0f} ms, again {warm*1000:.0f} ms; UID SEARCH UNSEEN over all {t_search*1000:.0f} ms")
PY
}
measure
kill "$pid"; wait "$pid" 2>/dev/null || true
start_maild 2
echo "after restart:"; measure
echo "RSS of maild: $(ps -o rss= -p "$pid") KiB"
