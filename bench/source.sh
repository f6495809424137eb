#!/usr/bin/env bash
# maild source next to Postfix's smtp-source: the same load, the same flags, one after the other.
#
#   bench/source.sh [SESSIONS] [MESSAGES] [SIZE]     (defaults: 20 20000 1024)
#
# Needs smtp-source and smtp-sink (Debian package postfix). Against smtp-sink (accepts and
# discards: the ceiling of a loopback SMTP exchange), each tool runs with -s SESSIONS -m MESSAGES
# -l SIZE, first as smtp-source does it (a connection per message), then with -d (one connection
# per session). maild source also runs with --no-pipelining, which is smtp-source's lock-step
# dialogue, so the comparison of the two tools is fair; its default pipelines MAIL/RCPT/DATA when
# the server offers PIPELINING (smtp-sink does). Set TARGET=host:port to load another server
# instead of smtp-sink (e.g. a running maild: TARGET=127.0.0.1:2525 FROM=a@remote.test TO=u@example.org).
#
# Other forms, for reference (not run here):
#   maild source -s 4 -m 1000 -N -r 5 -t user@example.org 127.0.0.1:25      # 5000 distinct recipients 1user@..5000user@
#   maild source --tls --auth user@example.org:pw --insecure -d -m 500 --port 587 -f user@example.org -t user@example.org
#   maild source --pop3 --users 'u%d@example.org:pw' -N 100 -s 10 --port 110 --json
#   maild source --imap --users-file users.txt -s 10 --delete --port 143
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-20} messages=${2:-20000} size=${3:-1024}
from=${FROM:-bench@remote.test} to=${TO:-rcpt@bench.test}
command -v smtp-source >/dev/null || { echo "bench: smtp-source missing (apt-get install postfix)" >&2; exit 1; }

work=$(mktemp -d /tmp/maild-source.XXXXXX)
sink=
trap '[ -n "$sink" ] && kill "$sink" 2>/dev/null; rm -rf "$work"' EXIT
dotnet publish src/Host -c Release -o "$work/bin" >/dev/null
target=${TARGET:-}
if [ -z "$target" ]; then
    target=127.0.0.1:25250
    smtp-sink -u "$(id -un)" "$target" 1000 &
    sink=$!
    sleep 0.5
fi

# Wall time for both tools; maild source also prints its own clock (first connect to last reply),
# which leaves out the .NET start-up (about 0.3 s) that the wall time includes.
row() {
    local start end wall own=""
    start=$(date +%s.%N); "${@:2}" > "$work/out"; end=$(date +%s.%N)
    wall=$(echo "$end - $start" | bc)
    if grep -q '"per_second"' "$work/out"; then
        own=$(python3 -c 'import json,sys; print("(own clock: %.0f msg/s)" % json.load(open(sys.argv[1]))["per_second"])' "$work/out")
    fi
    printf '%-40s %8.2f s %8.0f msg/s %s\n' "$1" "$wall" "$(echo "$messages / $wall" | bc -l)" "$own"
}

flags=(-s "$sessions" -m "$messages" -l "$size" -f "$from" -t "$to")
source=(dotnet "$work/bin/maild.dll" source --json)
"${source[@]}" "${flags[@]}" -d "$target" >/dev/null   # warm-up: JIT and tiered PGO
echo "load: ${flags[*]} against $target"
row "smtp-source"                        smtp-source "${flags[@]}" "$target"
row "maild source --no-pipelining"       "${source[@]}" "${flags[@]}" --no-pipelining "$target"
row "smtp-source -d"                     smtp-source "${flags[@]}" -d "$target"
row "maild source -d --no-pipelining"    "${source[@]}" "${flags[@]}" -d --no-pipelining "$target"
row "maild source -d (pipelining)"       "${source[@]}" "${flags[@]}" -d "$target"
echo "maild source's own summary (-d):"
dotnet "$work/bin/maild.dll" source "${flags[@]}" -d "$target"
