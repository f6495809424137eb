#!/usr/bin/env bash
# Compares two maild builds (or one build under two settings) on SMTP acceptance, the way the
# issue 6 notes did: the builds alternate (A B A B ...), each starts fresh and is warmed up past
# the JIT's compiling, and each round prints messages/s and maild's CPU per message (from
# /proc, user + kernel). On this 2-core VM single runs spread by ±15% and the disk's latency
# drifts by more, so judge by the CPU per message over several rounds, not by one run.
#
#   bench/ab.sh DIR_A DIR_B                     two publish folders (dotnet publish ... -o DIR)
#   bench/ab.sh "DIR VAR=1" "DIR VAR=2"         one build, two environments
#
# Environment: S (20) sessions, L (1024) message size, N (5000) messages per timed run (two per
# round), WARM (20000) untimed messages after each start, ROUNDS (2), SRCOPT (e.g. -d: keep the
# connection), DATA (/dev/shm/maild-ab: tmpfs, so the disk's noise stays out; set a folder on
# the real disk to include fsync costs), PORT (25251). Needs smtp-source (Debian: postfix).
set -euo pipefail
[ $# -eq 2 ] || { sed -n 2,15p "$0"; exit 2; }
s=${S:-20} l=${L:-1024} n=${N:-5000} warm=${WARM:-20000} rounds=${ROUNDS:-2}
data=${DATA:-/dev/shm/maild-ab} port=${PORT:-25251}
log=$(mktemp /tmp/maild-ab.XXXXXX.log)
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; pid=; }
trap stop EXIT

start() { # DIR [VAR=value ...]
    local dir=$1; shift
    stop
    rm -rf "$data"; mkdir -p "$data"; "$(dirname "$0")/forget-deletions.sh"
    export MAILD_DATA_DIR=$data MAILD_SMTP_LISTEN=127.0.0.1:$port MAILD_POP3_LISTEN= MAILD_POP3S_LISTEN= \
           MAILD_IMAP_LISTEN= MAILD_IMAPS_LISTEN= MAILD_SMTPS_LISTEN= MAILD_SUBMISSION_LISTEN= \
           MAILD_MANAGEMENT_LISTEN= MAILD_HOSTNAME=mx.bench.test MAILD_DOMAINS=bench.test
    env "$@" dotnet "$dir/maild.dll" user add rcpt@bench.test --password bench >/dev/null
    env "$@" dotnet "$dir/maild.dll" serve >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 150); do grep -q "maild ready" "$log" && return; sleep 0.2; done
    echo "ab: maild from $dir did not start; its log: $log" >&2; exit 1
}

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # clock ticks (1/100 s)

run() { # MESSAGES: sets rate and cpu_us (per message); no subshell, so the EXIT trap stays out
    local c0 t0 t1 c1
    c0=$(cpu); t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    smtp-source ${SRCOPT:-} -s "$s" -m "$1" -l "$l" -f bench@remote.test -t rcpt@bench.test "127.0.0.1:$port"
    t1=$(date +%s.%N); c1=$(cpu)
    rate=$(echo "$1 $t0 $t1" | awk '{printf "%d", $1/($3-$2)}')
    cpu_us=$(((c1 - c0) * 10000 / $1))
}

for round in $(seq 1 "$rounds"); do
    for cfg in "$1" "$2"; do
        # shellcheck disable=SC2086
        start $cfg
        run "$warm"
        run "$n"; r1=$rate c1=$cpu_us
        run "$n"; r2=$rate c2=$cpu_us
        printf 'round %d  %-40s  %5d msg/s  %5d us CPU/msg\n' "$round" "$cfg" $(((r1 + r2) / 2)) $(((c1 + c2) / 2))
    done
done
