#!/usr/bin/env bash
# maild against Postfix and Dovecot on this machine, in one run (issue 6): acceptance, end to
# end into the mailbox, POP3/IMAP reading and memory with idle SMTP connections. Writes the
# table to stdout and to bench/RESULTS.md.
#
#   bench/compare.sh                                   (the issue's sizes: takes an hour or more)
#   MESSAGES=2000 RUNS=1 bench/compare.sh              (a quick check that everything works)
#
# Environment: MESSAGES (20000) per SMTP run, RUNS (3; each figure is their median),
# READ_MESSAGES (1000) in the mailbox read by POP3/IMAP, IDLE (1000) idle SMTP connections,
# WARMUP (MESSAGES) untimed messages into maild first (.NET's tiered JIT), KEEP=1 keeps the
# work folder, RESULTS (bench/RESULTS.md) where the report goes, RESULTS_NOTES a file appended to it.
#
# On a fresh Debian 12 it installs what is missing (apt-get, as root). Everything listens on
# 127.0.0.1 only: smtp-sink, a Postfix instance of its own (postfix -c, config and queue in the
# work folder), a Dovecot instance of its own (dovecot -c) and maild (Release publish, fresh
# data folder). Servers alternate run by run. Everything it started is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
messages=${MESSAGES:-20000} runs=${RUNS:-3} read_messages=${READ_MESSAGES:-1000} idle=${IDLE:-1000}
warmup=${WARMUP:-$messages}
results_md=${RESULTS:-$repo/bench/RESULTS.md}
sink_port=25270 postfix_port=25271 maild_port=25272 dovecot_imap=25273 dovecot_pop3=25274
maild_imap=25275 maild_pop3=25276 maild_mgmt=127.0.0.1:29113
password=bench

# --- install ------------------------------------------------------------------------------
need=()
command -v postfix >/dev/null && command -v smtp-source >/dev/null || need+=(postfix)
command -v dovecot >/dev/null || need+=(dovecot-core)
[ -e /usr/lib/dovecot/imap ] || need+=(dovecot-imapd)
[ -e /usr/lib/dovecot/pop3 ] || need+=(dovecot-pop3d)
[ -e /usr/lib/dovecot/lmtp ] || need+=(dovecot-lmtpd)
command -v bc >/dev/null || need+=(bc)
command -v python3 >/dev/null || need+=(python3)
command -v strace >/dev/null || need+=(strace)
if [ ${#need[@]} -gt 0 ]; then
    echo "compare: installing ${need[*]}"
    apt-get update -qq
    # "No configuration": the system Postfix is not set up or started; ours has its own config.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "compare: dotnet (the .NET 10 SDK) is needed to build maild" >&2; exit 1; }

# --- work folder and cleanup ----------------------------------------------------------------
work=$(mktemp -d /tmp/maild-compare.XXXXXX)
chmod 755 "$work" # Postfix's daemons (user postfix) and Dovecot's (nobody) work below it
pids=() postfix_started= dovecot_started=
cleanup() {
    set +e
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    [ -n "$postfix_started" ] && postfix -c "$work/postfix/etc" stop >/dev/null 2>&1
    [ -n "$dovecot_started" ] && dovecot -c "$work/dovecot/dovecot.conf" stop >/dev/null 2>&1
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    if [ -n "${KEEP:-}" ]; then echo "compare: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fill() { sed -e "s|@WORK@|$work|g" -e "s|@DOVECOT_IMAP_PORT@|$dovecot_imap|g" -e "s|@DOVECOT_POP3_PORT@|$dovecot_pop3|g" "$1"; }
log() { echo "compare: $*" >&2; }

# Users: one mailbox per timed run, so no run reads or appends into a bigger mailbox than another.
users=(reader warm hold)
for r in $(seq 1 "$runs"); do users+=("e2e$r" "s20l1024r$r" "s1l1024r$r" "s20l10240r$r" "s20l1024dr$r"); done

# --- Dovecot ------------------------------------------------------------------------------
mkdir -p "$work/dovecot/run" "$work/dovecot/state" "$work/dovecot/mail"
chown nobody:nogroup "$work/dovecot/mail"
fill bench/compare/dovecot.conf > "$work/dovecot/dovecot.conf"
for u in "${users[@]}"; do echo "$u@bench.test:{PLAIN}$password::::::"; done > "$work/dovecot/users"
dovecot -c "$work/dovecot/dovecot.conf"
dovecot_started=1

# --- Postfix: its own config folder and queue --------------------------------------------------
mkdir -p "$work/postfix/etc" "$work/postfix/queue" "$work/postfix/data"
fill bench/compare/postfix-main.cf > "$work/postfix/etc/main.cf"
# Debian's master.cf with chroot off (a chroot needs copies of /etc files in the queue folder)
# and the smtp listener moved to our loopback port.
awk -v listen="127.0.0.1:$postfix_port" '
    /^[a-z0-9]/ && NF >= 8 && $2 ~ /^(inet|unix|unix-dgram|fifo|pass)$/ { $5 = "n" }
    /^smtp[ \t]+inet/ { $1 = listen }
    { print }' /etc/postfix/master.cf > "$work/postfix/etc/master.cf"
chown postfix "$work/postfix/data"
postfix -c "$work/postfix/etc" start >/dev/null 2>&1 || { log "postfix did not start:"; cat "$work/postfix/postfix.log" >&2; exit 1; }
postfix_started=1
postfix_master() { head -1 "$work/postfix/queue/pid/master.pid" | tr -d ' '; }

# --- smtp-sink (the ceiling) ------------------------------------------------------------------
smtp-sink -u nobody "127.0.0.1:$sink_port" 1000 >/dev/null &
pids+=($!)

# --- maild ------------------------------------------------------------------------------------
log "publishing maild (Release)"
dotnet publish src/Host -c Release --ucr -o "$work/maild-bin" >/dev/null # as the README installs it
cat > "$work/maild.conf" <<CONF
# Only listeners and limits differ from the defaults; durability is as shipped.
maild.smtp.client-connection-limit = $((idle + 100))
maild.management.listen = "$maild_mgmt"
CONF
export MAILD_DATA_DIR=$work/maild-data MAILD_SMTP_LISTEN=127.0.0.1:$maild_port \
       MAILD_POP3_LISTEN=127.0.0.1:$maild_pop3 MAILD_IMAP_LISTEN=127.0.0.1:$maild_imap \
       MAILD_POP3S_LISTEN= MAILD_IMAPS_LISTEN= MAILD_SMTPS_LISTEN= MAILD_SUBMISSION_LISTEN= \
       MAILD_HOSTNAME=mx.bench.test MAILD_DOMAINS=bench.test
maild=(dotnet "$work/maild-bin/maild.dll")
for u in "${users[@]}"; do "${maild[@]}" user add "$u@bench.test" --password "$password" --config "$work/maild.conf" >/dev/null; done
"${maild[@]}" serve --config "$work/maild.conf" > "$work/maild.log" 2>&1 &
maild_pid=$!
pids+=("$maild_pid")

wait_port() { for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; log "nothing listens on $1"; exit 1; }
for p in $sink_port $postfix_port $maild_port $dovecot_imap $dovecot_pop3 $maild_imap $maild_pop3; do wait_port "$p"; done
for _ in $(seq 1 150); do grep -q "maild ready" "$work/maild.log" && break; sleep 0.2; done
log "all servers up (work folder $work)"

# --- measuring helpers ------------------------------------------------------------------------
results=$work/results.tsv
: > "$results"
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$results"; echo "  $1 $2 run $3: $4" >&2; }
now() { date +%s.%N; }
rate() { echo "scale=1; $1 / ($3 - $2)" | bc; }
source_load() { # PORT SESSIONS SIZE COUNT RECIPIENT [smtp-source options]
    smtp-source "${@:6}" -s "$2" -m "$4" -l "$3" -f bench@remote.test -t "$5" "127.0.0.1:$1"
}
# Mail in the Postfix hold queue is deleted between runs (untimed) so every run starts alike;
# the count first confirms that HOLD kept it there (no delivery ran beside the acceptance).
# forget-deletions.sh then lets the next run reuse those inodes at once (see there why).
postfix_clear_hold() { # EXPECTED
    local held
    held=$(find "$work/postfix/queue/hold" -type f | wc -l)
    [ "$held" -ge "$1" ] || log "warning: $held messages in Postfix's hold queue, $1 expected"
    postsuper -c "$work/postfix/etc" -d ALL hold >/dev/null 2>&1 || true
    bench/forget-deletions.sh
}
wait_count() { # IMAP-PORT USER COUNT
    python3 bench/compare/wait_count.py 127.0.0.1 "$1" "$2@bench.test" "$password" "$3" 1800
}

# --- durability: count fsyncs while 50 messages are accepted --------------------------------
# strace follows Postfix's master into the smtpd and cleanup it forks for them (none run
# yet), and every thread of maild. Both must fsync at least once per accepted message.
fsyncs() { # PORT RECIPIENT PID...
    local port=$1 rcpt=$2; shift 2
    local attach=()
    for p in "$@"; do for t in /proc/"$p"/task/*; do attach+=(-p "${t##*/}"); done; done
    strace -f -qq -e trace=fsync,fdatasync -o "$work/strace.out" "${attach[@]}" 2>/dev/null &
    local st=$!
    sleep 1
    source_load "$port" 1 1024 50 "$rcpt"
    sleep 1
    kill -INT "$st"; wait "$st" 2>/dev/null || true
    grep -cE 'fsync|fdatasync' "$work/strace.out" || true
}
durability_postfix=$(fsyncs $postfix_port hold@bench.test "$(postfix_master)")
postfix_clear_hold 50
durability_maild=$(fsyncs $maild_port warm@bench.test "$maild_pid")
log "durability: fsync/fdatasync calls for 50 messages: Postfix $durability_postfix, maild $durability_maild"

# --- 4. memory with 0 and IDLE idle SMTP connections (first: nothing else has run yet) ----------
memory() { # NAME PORT PID
    local name=$1 port=$2 pid=$3 r=$4 ready
    sleep 2
    read -r base_rss base_pss _ < <(python3 bench/compare/mem.py "$pid")
    coproc HOLDER { python3 bench/compare/idle.py 127.0.0.1 "$port" "$idle" 300; }
    read -r ready _ <&"${HOLDER[0]}"
    sleep 2
    read -r held_rss held_pss nprocs < <(python3 bench/compare/mem.py "$pid")
    kill "$HOLDER_PID" 2>/dev/null || true; wait "$HOLDER_PID" 2>/dev/null || true
    [ "$ready" = ready ] || { log "$name: the idle connections failed"; exit 1; }
    record rss0 "$name" "$r" "$(echo "scale=1; $base_rss / 1024" | bc)"
    record pss0 "$name" "$r" "$(echo "scale=1; $base_pss / 1024" | bc)"
    record rss_idle "$name" "$r" "$(echo "scale=1; $held_rss / 1024" | bc)"
    record pss_idle "$name" "$r" "$(echo "scale=1; $held_pss / 1024" | bc)"
    record procs_idle "$name" "$r" "$nprocs"
}
postfix_settle() { # idle smtpd processes linger max_idle (100 s); a reload ends them now
    postfix -c "$work/postfix/etc" reload >/dev/null 2>&1
    for _ in $(seq 1 100); do pgrep -P "$(postfix_master)" -x smtpd >/dev/null || break; sleep 0.2; done
}
log "memory: $idle idle SMTP connections"
for r in $(seq 1 "$runs"); do
    postfix_settle
    memory postfix $postfix_port "$(postfix_master)" "$r"
    memory maild $maild_port "$maild_pid" "$r"
done
postfix_settle

# --- warm-up (untimed) --------------------------------------------------------------------------
log "warm-up: $warmup messages into maild, 200 into Postfix"
source_load $maild_port 20 1024 "$warmup" warm@bench.test
source_load $postfix_port 20 1024 200 hold@bench.test
postfix_clear_hold 200

# --- 1. acceptance -------------------------------------------------------------------------------
# smtp-sink discards; Postfix puts the mail into its (fsynced) hold queue; maild's 250 comes only
# once the message is durable in the recipient's mailbox (its local delivery is part of the 250).
# smtp-source opens a connection per message; "-d" keeps each session's connection for all of its
# messages, which separates what a connection costs from what a message costs.
for variant in "20 1024" "1 1024" "20 10240" "20 1024 -d"; do
    read -r s l d <<<"$variant"
    key="accept_s${s}_l${l}${d:+_d}"
    log "acceptance: smtp-source ${d:+$d }-s $s -m $messages -l $l"
    for r in $(seq 1 "$runs"); do
        t0=$(now); source_load $sink_port "$s" "$l" "$messages" sink@bench.test $d; t1=$(now)
        record "$key" smtp-sink "$r" "$(rate "$messages" "$t0" "$t1")"
        t0=$(now); source_load $postfix_port "$s" "$l" "$messages" hold@bench.test $d; t1=$(now)
        record "$key" postfix "$r" "$(rate "$messages" "$t0" "$t1")"
        postfix_clear_hold "$messages"
        t0=$(now); source_load $maild_port "$s" "$l" "$messages" "s${s}l${l}${d:+d}r$r@bench.test" $d; t1=$(now)
        record "$key" maild "$r" "$(rate "$messages" "$t0" "$t1")"
    done
done

# --- 2. end to end: until every message is readable in the recipient's mailbox (IMAP STATUS) ------
log "end to end: smtp-source -s 20 -m $messages -l 1024 until the mailbox has them all"
for r in $(seq 1 "$runs"); do
    bench/forget-deletions.sh # Postfix deletes each queue file once Dovecot has the message
    t0=$(now); source_load $postfix_port 20 1024 "$messages" "e2e$r@bench.test"; wait_count $dovecot_imap "e2e$r" "$messages"; t1=$(now)
    record e2e postfix+dovecot "$r" "$(rate "$messages" "$t0" "$t1")"
    bench/forget-deletions.sh
    t0=$(now); source_load $maild_port 20 1024 "$messages" "e2e$r@bench.test"; wait_count $maild_imap "e2e$r" "$messages"; t1=$(now)
    record e2e maild "$r" "$(rate "$messages" "$t0" "$t1")"
done

# --- 3. reading: POP3 RETR and IMAP UID FETCH BODY.PEEK[] of READ_MESSAGES messages ----------------
log "reading: $read_messages messages by POP3 and IMAP"
source_load $postfix_port 10 1024 "$read_messages" reader@bench.test
source_load $maild_port 10 1024 "$read_messages" reader@bench.test
wait_count $dovecot_imap reader "$read_messages"
wait_count $maild_imap reader "$read_messages"
read_rate() { # MODE PORT: messages fetched per second, by maild source's own clock
    dotnet "$work/maild-bin/maild.dll" source "--$1" --users "reader@bench.test:$password" -s 1 -m 3 --json --port "$2" 127.0.0.1 \
        | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["failed"] == 0, j; print("%.1f" % (j["fetched_messages"] / j["seconds"]))'
}
for mode in pop3 imap; do
    [ $mode = pop3 ] && ports=($dovecot_pop3 $maild_pop3) || ports=($dovecot_imap $maild_imap)
    read_rate $mode "${ports[1]}" >/dev/null # warm-up of both servers' read paths
    read_rate $mode "${ports[0]}" >/dev/null
    for r in $(seq 1 "$runs"); do
        record "$mode" dovecot "$r" "$(read_rate $mode "${ports[0]}")"
        record "$mode" maild "$r" "$(read_rate $mode "${ports[1]}")"
    done
done

# --- report ---------------------------------------------------------------------------------------
{
    echo "messages=$messages"; echo "runs=$runs"; echo "read_messages=$read_messages"; echo "idle=$idle"
    echo "postfix=$(postconf -c "$work/postfix/etc" -h mail_version)"
    echo "dovecot=$(dovecot --version)"
    echo "maild=$(git -C "$repo" rev-parse --short HEAD)"
    echo "dotnet=$(dotnet --version)"
    echo "durability_postfix=$durability_postfix"; echo "durability_maild=$durability_maild"
} > "$work/meta.env"
python3 bench/compare/report.py "$results" "$work/meta.env" "$results_md"
