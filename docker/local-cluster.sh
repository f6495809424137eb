#!/usr/bin/env bash
# A three-node maild cluster on this machine, for trying it out and for the cluster tests:
# PostgreSQL 15 (journal, snapshots, directory), three nodes on 127.0.1.1-3 sharing one
# mail folder, and HAProxy (docker/haproxy.cfg) in front on 127.0.0.1. Needs root (PostgreSQL
# runs as the `postgres` user), Debian's postgresql-15 and haproxy packages, and .NET.
#
#   docker/local-cluster.sh start          PostgreSQL, node 1 (forms the cluster), nodes 2+3, HAProxy;
#                                          returns when all three nodes see three members Up
#   docker/local-cluster.sh status         processes, `maild cluster show` of each live node
#   docker/local-cluster.sh stop           SIGTERM the nodes (they leave), HAProxy, PostgreSQL
#   docker/local-cluster.sh kill N         kill -9 node N (a crash: the others down it after stable-after)
#   docker/local-cluster.sh restart N      start node N again (it rejoins)
#   docker/local-cluster.sh term N         SIGTERM node N alone and wait for it (a graceful leave)
#   docker/local-cluster.sh users N        add user1@DOMAIN .. userN@DOMAIN (password "secret")
#   docker/local-cluster.sh cli N ARGS...  run `maild ARGS` against node N (e.g. cli 1 cluster show)
#
# Environment:
#   CLUSTER_DIR     root folder (default: a new mktemp folder for start; the last one started
#                   for the other commands). Holds pg/, mail/ (shared), nodeN/ (data), nodeN.log.
#   MAILD           the maild command (default: dotnet <repo>/src/Host/bin/Release/net10.0/maild.dll,
#                   built when missing)
#   STABLE_AFTER    maild.cluster.stable-after (default 20s; the tests use 5s)
#   PG_PORT         PostgreSQL's port on 127.0.0.1 (default: a free one)
#   FRONT_SMTP, FRONT_SUBMISSION, FRONT_SMTPS, FRONT_POP3, FRONT_POP3S, FRONT_IMAP, FRONT_IMAPS,
#   FRONT_STATS     HAProxy's ports on 127.0.0.1 (default 12525 12587 12465 12110 12995 12143 12993 18404)
#   DOMAIN          the mail domain (default example.test)
#   START_TIMEOUT   seconds start waits for the cluster (default 120)
#
# Each node listens on its own address with the same ports: SMTP 2525, submission 2587,
# SMTPS 2465, POP3 2110, POP3S 2995, IMAP 2143, IMAPS 2993, cluster 4053, management 9110.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
pgbin=/usr/lib/postgresql/15/bin
last_file=${TMPDIR:-/tmp}/maild-local-cluster.last
domain=${DOMAIN:-example.test}
nodes=(1 2 3)
seeds="akka.tcp://maild@127.0.1.1:4053,akka.tcp://maild@127.0.1.2:4053"

die() { echo "local-cluster: $*" >&2; exit 1; }
say() { echo "local-cluster: $*"; }

# ---- where things are ------------------------------------------------------------------
resolve_dir() {
    if [ -z "${CLUSTER_DIR:-}" ]; then
        [ -f "$last_file" ] || die "CLUSTER_DIR is not set and no cluster was started"
        CLUSTER_DIR=$(cat "$last_file")
    fi
    [ -d "$CLUSTER_DIR" ] || die "$CLUSTER_DIR does not exist"
    CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)
}

maild_cmd() {
    if [ -n "${MAILD:-}" ]; then
        read -r -a maild <<<"$MAILD"
        return
    fi
    local dll=$repo/src/Host/bin/Release/net10.0/maild.dll
    if [ ! -f "$dll" ]; then
        say "building $dll"
        dotnet build "$repo/src/Host/Host.csproj" -c Release -v quiet -nologo >&2
    fi
    maild=(dotnet "$dll")
}

node_addr() { echo "127.0.1.$1"; }
node_pidfile() { echo "$CLUSTER_DIR/node$1.pid"; }
pg_port() { cat "$CLUSTER_DIR/pg.port"; }

# The environment of node N, for `serve` and for CLI verbs aimed at it (the CLI finds the
# management endpoint and its token through MAILD_MANAGEMENT_LISTEN and MAILD_DATA_DIR).
node_env() {
    local n=$1 a
    a=$(node_addr "$n")
    printf '%s\n' \
        "MAILD_HOSTNAME=node$n.$domain" \
        "MAILD_DOMAINS=$domain" \
        "MAILD_DATA_DIR=$CLUSTER_DIR/node$n" \
        "MAILD_MAIL_DIR=$CLUSTER_DIR/mail" \
        "MAILD_DATABASE_PROVIDER=postgresql" \
        "MAILD_DATABASE_CONNECTION_STRING=Host=127.0.0.1;Port=$(pg_port);Database=maild;Username=maild;Password=$(cat "$CLUSTER_DIR/pg.password")" \
        "MAILD_CLUSTER_HOSTNAME=$a" \
        "MAILD_CLUSTER_PORT=4053" \
        "MAILD_CLUSTER_SEED_NODES=$seeds" \
        "MAILD_SMTP_LISTEN=$a:2525" \
        "MAILD_SUBMISSION_LISTEN=$a:2587" \
        "MAILD_SMTPS_LISTEN=$a:2465" \
        "MAILD_POP3_LISTEN=$a:2110" \
        "MAILD_POP3S_LISTEN=$a:2995" \
        "MAILD_IMAP_LISTEN=$a:2143" \
        "MAILD_IMAPS_LISTEN=$a:2993" \
        "MAILD_MANAGEMENT_LISTEN=$a:9110"
}

# Runs maild ARGS with node N's environment (and the cluster's config file).
node_cli() {
    local n=$1
    shift
    local env_lines
    mapfile -t env_lines < <(node_env "$n")
    env "${env_lines[@]}" "${maild[@]}" "$@" --config "$CLUSTER_DIR/maild.conf"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---- PostgreSQL ------------------------------------------------------------------------
pg_start() {
    local pg=$CLUSTER_DIR/pg
    [ -x "$pgbin/initdb" ] || die "PostgreSQL 15 is not installed ($pgbin; apt-get install postgresql-15)"
    if [ ! -f "$pg/PG_VERSION" ]; then
        echo "${PG_PORT:-$(free_port)}" >"$CLUSTER_DIR/pg.port"
        head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$CLUSTER_DIR/pg.password"
        mkdir -p "$pg"
        chown postgres: "$pg"
        chmod 700 "$pg"
        # Local socket logins are trusted (only root and postgres reach $pg); TCP needs the password.
        runuser -u postgres -- "$pgbin/initdb" -D "$pg" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/pg-initdb.log" 2>&1 || { cat "$CLUSTER_DIR/pg-initdb.log" >&2; die "initdb failed"; }
        cat >>"$pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $(pg_port)
unix_socket_directories = '$pg'
max_connections = 200
# A test cluster: durability of the database server is not what is tested here.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    fi
    if ! runuser -u postgres -- "$pgbin/pg_ctl" -D "$pg" status >/dev/null 2>&1; then
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$pg" -l "$pg/server.log" -w -t 60 start >/dev/null \
            || { cat "$pg/server.log" >&2; die "PostgreSQL did not start"; }
    fi
    if [ ! -f "$CLUSTER_DIR/pg.ready" ]; then
        runuser -u postgres -- "$pgbin/psql" -h "$pg" -p "$(pg_port)" -U postgres -q -v ON_ERROR_STOP=1 \
            -c "CREATE ROLE maild LOGIN PASSWORD '$(cat "$CLUSTER_DIR/pg.password")'" \
            -c "CREATE DATABASE maild OWNER maild" >/dev/null
        touch "$CLUSTER_DIR/pg.ready"
    fi
    say "PostgreSQL 15 on 127.0.0.1:$(pg_port) (database maild, user maild)"
}

pg_stop() {
    local pg=$CLUSTER_DIR/pg
    [ -f "$pg/PG_VERSION" ] || return 0
    if runuser -u postgres -- "$pgbin/pg_ctl" -D "$pg" status >/dev/null 2>&1; then
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$pg" -m fast -w stop >/dev/null
        say "PostgreSQL stopped"
    fi
}

# ---- nodes -----------------------------------------------------------------------------
node_start() {
    local n=$1 pidfile log env_lines
    pidfile=$(node_pidfile "$n")
    log=$CLUSTER_DIR/node$n.log
    if alive "$pidfile"; then
        say "node $n already runs (pid $(cat "$pidfile"))"
        return
    fi
    mkdir -p "$CLUSTER_DIR/node$n"
    mapfile -t env_lines < <(node_env "$n")
    # setsid: the node outlives this script and a Ctrl-C in its terminal; no fd of ours stays open.
    echo "---- start $(date -u +%FT%TZ)" >>"$log"
    env "${env_lines[@]}" setsid "${maild[@]}" serve --config "$CLUSTER_DIR/maild.conf" </dev/null >>"$log" 2>&1 &
    echo $! >"$pidfile"
    # Where this start's output begins, so "ready" is looked for in this run only.
    wc -l <"$log" >"$CLUSTER_DIR/node$n.logstart"
}

# Waits until node N has logged "maild ready" since its last start.
node_wait_ready() {
    local n=$1 deadline=$2 log=$CLUSTER_DIR/node$1.log skip
    skip=$(cat "$CLUSTER_DIR/node$n.logstart")
    # (awk, not tail | grep -q: under pipefail a grep that stops early fails the pipe.)
    until awk -v skip="$skip" 'NR > skip && /maild ready/ { found = 1; exit } END { exit !found }' "$log"; do
        alive "$(node_pidfile "$n")" || { tail -n 30 "$log" >&2; die "node $n exited during start (log: $log)"; }
        [ "$SECONDS" -lt "$deadline" ] || { tail -n 30 "$log" >&2; die "node $n is not ready after ${START_TIMEOUT:-120}s (log: $log)"; }
        sleep 0.5
    done
}

# The number of members with status Up that node N sees, and whether it sees any unreachable.
node_up_count() {
    node_cli "$1" cluster show --json 2>/dev/null \
        | jq -r '"\([.members[] | select(.status == "Up")] | length) \(.unreachable | length)"' 2>/dev/null || echo "0 0"
}

# Waits until every live node sees WANT members Up and none unreachable.
wait_members() {
    local want=$1 deadline=$2 n count unreachable ok
    while :; do
        ok=1
        for n in "${nodes[@]}"; do
            alive "$(node_pidfile "$n")" || continue
            read -r count unreachable < <(node_up_count "$n")
            [ "$count" = "$want" ] && [ "$unreachable" = 0 ] || ok=0
        done
        [ "$ok" = 1 ] && return 0
        [ "$SECONDS" -lt "$deadline" ] || die "the nodes do not see $want members Up after ${START_TIMEOUT:-120}s (status: $0 status)"
        sleep 1
    done
}

# SIGTERM (CoordinatedShutdown: drain, hand off shards, leave), then SIGKILL after a grace.
node_term() {
    local n=$1 pidfile pid i
    pidfile=$(node_pidfile "$n")
    alive "$pidfile" || { rm -f "$pidfile"; return 0; }
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for i in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "node $n did not stop within 60s: kill -9"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
    say "node $n stopped"
}

node_kill() {
    local n=$1 pidfile
    pidfile=$(node_pidfile "$n")
    alive "$pidfile" || die "node $n does not run"
    kill -KILL "$(cat "$pidfile")"
    while alive "$pidfile"; do sleep 0.1; done
    rm -f "$pidfile"
    say "node $n killed (-9)"
}

# ---- HAProxy ---------------------------------------------------------------------------
haproxy_start() {
    local pidfile=$CLUSTER_DIR/haproxy.pid
    alive "$pidfile" && return 0
    command -v haproxy >/dev/null || die "haproxy is not installed (apt-get install haproxy)"
    NODE1_HOST=127.0.1.1 NODE2_HOST=127.0.1.2 NODE3_HOST=127.0.1.3 FRONT_ADDR=127.0.0.1 \
        FRONT_SMTP=${FRONT_SMTP:-12525} FRONT_SUBMISSION=${FRONT_SUBMISSION:-12587} FRONT_SMTPS=${FRONT_SMTPS:-12465} \
        FRONT_POP3=${FRONT_POP3:-12110} FRONT_POP3S=${FRONT_POP3S:-12995} \
        FRONT_IMAP=${FRONT_IMAP:-12143} FRONT_IMAPS=${FRONT_IMAPS:-12993} STATS_ADDR=127.0.0.1:${FRONT_STATS:-18404} \
        haproxy -D -p "$pidfile" -f "$here/haproxy.cfg" >>"$CLUSTER_DIR/haproxy.log" 2>&1 \
        || { cat "$CLUSTER_DIR/haproxy.log" >&2; die "HAProxy did not start"; }
    say "HAProxy: smtp 127.0.0.1:${FRONT_SMTP:-12525} imap 127.0.0.1:${FRONT_IMAP:-12143} pop3 127.0.0.1:${FRONT_POP3:-12110} stats http://127.0.0.1:${FRONT_STATS:-18404}/"
}

haproxy_stop() {
    local pidfile=$CLUSTER_DIR/haproxy.pid pid
    alive "$pidfile" || { rm -f "$pidfile"; return 0; }
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$pidfile"
    say "HAProxy stopped"
}

# ---- commands --------------------------------------------------------------------------
cmd_start() {
    if [ -z "${CLUSTER_DIR:-}" ]; then
        CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/maild-cluster.XXXXXX")
    fi
    mkdir -p "$CLUSTER_DIR/mail"
    CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)
    # PostgreSQL runs as `postgres` and must reach $CLUSTER_DIR/pg.
    chmod o+x "$CLUSTER_DIR"
    runuser -u postgres -- test -x "$CLUSTER_DIR" || die "user postgres cannot enter $CLUSTER_DIR (a parent folder lacks o+x)"
    echo "$CLUSTER_DIR" >"$last_file"
    maild_cmd
    # docker/cluster.conf (what every node behind HAProxy needs) plus this run's stable-after.
    {
        cat "$here/cluster.conf"
        echo "maild.cluster.stable-after = ${STABLE_AFTER:-20s}"
        # Nothing here may ask a DNS server off this machine: mail for other domains waits in
        # the queue (nothing answers on 127.0.0.1:1), which the queue tests rely on.
        echo 'maild.delivery.dns-servers = ["127.0.0.1:1"]'
    } >"$CLUSTER_DIR/maild.conf"
    local deadline=$((SECONDS + ${START_TIMEOUT:-120}))
    pg_start
    # Node 1 first: it is the first seed, so it forms the cluster, and it creates the tables
    # alone (three nodes creating them at once could collide).
    node_start 1
    node_wait_ready 1 "$deadline"
    node_start 2
    node_start 3
    node_wait_ready 2 "$deadline"
    node_wait_ready 3 "$deadline"
    haproxy_start
    wait_members 3 "$deadline"
    say "3 nodes Up (127.0.1.1-3); logs in $CLUSTER_DIR/node*.log"
    echo "export CLUSTER_DIR=$CLUSTER_DIR"
}

cmd_stop() {
    resolve_dir
    local n pids=()
    # All three leave at once: each hands its shards to whoever stays longest.
    for n in "${nodes[@]}"; do
        node_term "$n" &
        pids+=($!)
    done
    for n in "${pids[@]}"; do wait "$n" || true; done
    haproxy_stop
    pg_stop
}

cmd_status() {
    resolve_dir
    maild_cmd
    local n pidfile
    echo "cluster dir: $CLUSTER_DIR"
    if runuser -u postgres -- "$pgbin/pg_ctl" -D "$CLUSTER_DIR/pg" status >/dev/null 2>&1; then
        echo "postgresql: running on 127.0.0.1:$(pg_port)"
    else
        echo "postgresql: stopped"
    fi
    alive "$CLUSTER_DIR/haproxy.pid" && echo "haproxy: running (pid $(cat "$CLUSTER_DIR/haproxy.pid"))" || echo "haproxy: stopped"
    for n in "${nodes[@]}"; do
        pidfile=$(node_pidfile "$n")
        if alive "$pidfile"; then
            echo "node $n: running (pid $(cat "$pidfile")) on $(node_addr "$n")"
            node_cli "$n" cluster show | sed 's/^/    /' || true
        else
            echo "node $n: stopped"
        fi
    done
}

cmd_users() {
    resolve_dir
    maild_cmd
    local count=$1
    # One CLI run per user (mostly .NET start-up), three at a time; the directory is in
    # PostgreSQL, so every node knows them at once.
    seq 1 "$count" | xargs -P 3 -I{} "$0" cli 1 user add "user{}@$domain" --password secret >/dev/null
    say "$count users added (user1@$domain .. user$count@$domain, password secret)"
}

node_number() {
    case "${1:-}" in 1 | 2 | 3) ;; *) die "node must be 1, 2 or 3" ;; esac
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    kill) node_number "${2:-}"; resolve_dir; node_kill "$2" ;;
    term) node_number "${2:-}"; resolve_dir; node_term "$2" ;;
    restart)
        node_number "${2:-}"
        resolve_dir
        maild_cmd
        node_start "$2"
        node_wait_ready "$2" $((SECONDS + ${START_TIMEOUT:-120}))
        wait_members 3 $((SECONDS + ${START_TIMEOUT:-120}))
        say "node $2 rejoined: 3 nodes Up"
        ;;
    users) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "users N: N is a number"; cmd_users "$2" ;;
    cli) node_number "${2:-}"; resolve_dir; maild_cmd; n=$2; shift 2; node_cli "$n" "$@" ;;
    *) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
