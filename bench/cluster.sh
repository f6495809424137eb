#!/usr/bin/env bash
# Accepted mail per second through HAProxy: three maild nodes, then one (the same topology
# with nodes 2 and 3 gone by SIGTERM, so the database, HAProxy and the client are the same).
#
#   bench/cluster.sh [SESSIONS] [MESSAGES] [SIZE]     (defaults: 20 5000 1024)
#
# Runs docker/local-cluster.sh (root, PostgreSQL 15, HAProxy). The load is `maild source` to
# 50 mailboxes: smtp-source's -N numbers recipients 1..MESSAGES without repeating, which would
# need MESSAGES users, so it sends MESSAGES/50 messages with -r 50 to user@, 2user@ .. 50user@
# (MESSAGES deliveries in 50 mailboxes spread over the shards) and then MESSAGES one-recipient
# messages to user@ alone (one mailbox: the journal of one entity is the limit there).
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-20} messages=${2:-5000} size=${3:-1024}
script=docker/local-cluster.sh
own_dir=
[ -n "${CLUSTER_DIR:-}" ] || own_dir=$(mktemp -d /tmp/maild-bench-cluster.XXXXXX)
export CLUSTER_DIR=${CLUSTER_DIR:-$own_dir}
export FRONT_SMTP=${FRONT_SMTP:-12525} STABLE_AFTER=${STABLE_AFTER:-5s}
dll=src/Host/bin/Release/net10.0/maild.dll
[ -f "$dll" ] || dotnet build src/Host/Host.csproj -c Release -v quiet -nologo >/dev/null
export MAILD=${MAILD:-dotnet $(pwd)/$dll}
read -r -a maild <<<"$MAILD"
trap '"$script" stop >/dev/null 2>&1 || true; [ -z "$own_dir" ] || rm -rf "$own_dir"' EXIT

"$script" start >/dev/null
# user@example.test and 2user@ .. 50user@: the names -r 50 gives its recipients.
{ echo user; seq 2 50 | sed 's/$/user/'; } | xargs -P 3 -I{} "$script" cli 1 user add "{}@example.test" --password secret >/dev/null

# One `maild source --json` run; prints "messages/s deliveries/s p95ms ok failed".
run() {
    local per=$1 count=$2 to=$3 json
    json=$("${maild[@]}" source -s "$sessions" -m "$count" -r "$per" -l "$size" -f bench@remote.test -t "$to" \
        --json "127.0.0.1:$FRONT_SMTP" || true)
    jq -r --argjson per "$per" '"\(.per_second|floor) \(.per_second*$per|floor) \(.latency_ms.p95|floor) \(.succeeded) \(.failed)"' <<<"$json"
}

declare -A result
measure() {
    local nodes=$1
    # A first short run wakes the mailboxes (recovery from the journal is not what is measured).
    run 50 40 user@example.test >/dev/null
    result[$nodes,fan]=$(run 50 $((messages / 50)) user@example.test)
    result[$nodes,one]=$(run 1 "$messages" user@example.test)
}

measure 3
"$script" term 3 >/dev/null
"$script" term 2 >/dev/null
sleep 3 # HAProxy's checks (2 s apart, 2 to fall) take nodes 2 and 3 out
measure 1

cpus=$(nproc)
echo "maild cluster through HAProxy: -s $sessions -l $size, PostgreSQL journal, $cpus CPU(s)"
printf '%-6s %-34s %10s %12s %8s %8s %7s\n' nodes load msgs/s deliveries/s p95_ms ok failed
for nodes in 1 3; do
    read -r m d p ok bad <<<"${result[$nodes,fan]}"
    printf '%-6s %-34s %10s %12s %8s %8s %7s\n' "$nodes" "$((messages / 50)) msgs x 50 rcpts (50 mailboxes)" "$m" "$d" "$p" "$ok" "$bad"
    read -r m d p ok bad <<<"${result[$nodes,one]}"
    printf '%-6s %-34s %10s %12s %8s %8s %7s\n' "$nodes" "$messages msgs x 1 rcpt (1 mailbox)" "$m" "$d" "$p" "$ok" "$bad"
done
if [ "$cpus" -le 4 ]; then
    echo "note: all three nodes, PostgreSQL, HAProxy and the client share these $cpus CPUs, so 3 nodes"
    echo "      show the cluster's overhead (remoting, a shared database), not scaling: scaling needs a"
    echo "      machine (or at least cores) per node."
fi
