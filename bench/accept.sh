#!/usr/bin/env bash
# Accepted messages/s: Postfix's smtp-source against a Release build of maild on loopback.
# A first, small benchmark; the full comparison with Postfix and Dovecot is bench/ work to come.
#
#   bench/accept.sh [SESSIONS] [MESSAGES] [SIZE] [RUNS]     (defaults: 20 5000 1024 3)
#
# Needs smtp-source (Debian package postfix: apt-get install postfix, "No configuration").
# Starts maild with a fresh data folder on 127.0.0.1:25251, warms it up with WARMUP untimed
# messages (default 20000: .NET's tiered JIT with dynamic PGO keeps getting faster for the
# first ~30 s of load; measured here: 11.2 s, 5.2, 4.6, 3.8, 3.5, 3.3, 3.3 s for successive
# runs of 5000), then prints each timed run and the median.
# BENCH_TMP=/dev/shm puts the data folder on tmpfs (fsync costs nothing there): the difference
# to a normal run is what durability costs. Measured 2026-11-27: ext4 1,078 msg/s, tmpfs 1,248.
# Add REF=127.0.0.1:PORT to time another SMTP server (e.g. a loopback Postfix) in
# alternation with maild, under the same load.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-20} messages=${2:-5000} size=${3:-1024} runs=${4:-3}
command -v smtp-source >/dev/null || { echo "bench: smtp-source missing (apt-get install postfix)" >&2; exit 1; }

work=$(mktemp -d ${BENCH_TMP:-/tmp}/maild-bench.XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet publish src/Host -c Release -o "$work/bin" >/dev/null
export MAILD_DATA_DIR=$work/data MAILD_SMTP_LISTEN=127.0.0.1:25251 MAILD_POP3_LISTEN= MAILD_POP3S_LISTEN= MAILD_IMAP_LISTEN= MAILD_IMAPS_LISTEN= \
       MAILD_HOSTNAME=mx.bench.test MAILD_DOMAINS=bench.test
dotnet "$work/bin/maild.dll" user add rcpt@bench.test --password bench >/dev/null
dotnet "$work/bin/maild.dll" serve > "$work/maild.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    grep -q "maild ready" "$work/maild.log" 2>/dev/null && break
    sleep 0.2
done

load() { smtp-source -s "$sessions" -m "$messages" -l "$size" -f bench@remote.test -t rcpt@bench.test "$1"; }
rate() {
    local start end
    start=$(date +%s.%N); load "$1"; end=$(date +%s.%N)
    echo "scale=0; $messages / ($end - $start)" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

smtp-source -s "$sessions" -m "${WARMUP:-20000}" -l "$size" -f bench@remote.test -t rcpt@bench.test 127.0.0.1:25251 # warm-up
maild=() ref=()
for i in $(seq 1 "$runs"); do
    maild+=("$(rate 127.0.0.1:25251)")
    echo "run $i: maild ${maild[-1]} msg/s"
    if [ -n "${REF:-}" ]; then
        ref+=("$(rate "$REF")")
        echo "run $i: reference ${ref[-1]} msg/s"
    fi
done
echo "smtp-source -s $sessions -m $messages -l $size: maild median $(printf '%s\n' "${maild[@]}" | median) msg/s"
if [ -n "${REF:-}" ]; then
    echo "reference ($REF) median $(printf '%s\n' "${ref[@]}" | median) msg/s"
fi
