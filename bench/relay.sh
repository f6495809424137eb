#!/usr/bin/env bash
# Relay throughput: smtp-source -> server -> smtp-sink (the "remote" MX, found through a
# loopback dnsmasq for maild; through transport_maps for Postfix), timed until the sink has
# taken every message. Prints, per run, the acceptance rate (250s/s: the durable hand-off to
# the queue) and the end-to-end rate (messages/s out of the queue into the MX).
#
#   bench/relay.sh [SESSIONS] [MESSAGES] [SIZE] [RUNS]     (defaults: 20 5000 1024 3)
#
# Needs smtp-source/smtp-sink (postfix) and dnsmasq (dnsmasq-base); with REF=postfix it also
# times the local Postfix (127.0.0.1:2526, relaying for 127.0.0.0/8; transport_maps is set to
# send sink.test to the sink), alternating with maild. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-20} messages=${2:-5000} size=${3:-1024} runs=${4:-3}
sink_port=25300 dns_port=25353 maild_port=25252
for tool in smtp-source smtp-sink dnsmasq; do
    command -v $tool >/dev/null || { echo "bench: $tool missing (apt-get install postfix dnsmasq-base)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/maild-relay.XXXXXX)
cleanup() { kill "${pid:-}" "${dns:-}" 2>/dev/null || true; pkill -f "smtp-sink.*$sink_port" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap "kill \${pid:-} \${dns:-} 2>/dev/null; echo kept $work" EXIT
dnsmasq -k --user=root --port=$dns_port --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
    --mx-host=sink.test,mx.sink.test,10 --host-record=mx.sink.test,127.0.0.1 --log-facility=- 2>"$work/dns.log" &
dns=$!

dotnet publish src/Host -c Release -o "$work/bin" >/dev/null
cat > "$work/maild.conf" <<CONF
maild.delivery { smtp-port = $sink_port, dns-servers = ["127.0.0.1:$dns_port"] }
maild.management.listen = "127.0.0.1:29111"
CONF
export MAILD_DATA_DIR=$work/data MAILD_SMTP_LISTEN=127.0.0.1:$maild_port MAILD_POP3_LISTEN= MAILD_POP3S_LISTEN= MAILD_IMAP_LISTEN= MAILD_IMAPS_LISTEN= \
       MAILD_HOSTNAME=mx.bench.test MAILD_DOMAINS=bench.test MAILD_MYNETWORKS=127.0.0.0/8
dotnet "$work/bin/maild.dll" serve --config "$work/maild.conf" > "$work/maild.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "maild ready" "$work/maild.log" 2>/dev/null && break; sleep 0.2; done

if [ "${REF:-}" = postfix ]; then
    postconf -e "transport_maps = inline:{ sink.test=smtp:[127.0.0.1]:$sink_port }" && postfix reload >/dev/null 2>&1
fi

# one run against $1: prints "accept-rate end-to-end-rate"
run() {
    local server=$1 n=$2 start accepted done
    smtp-sink -u nobody -M "$n" 127.0.0.1:$sink_port 1024 & local sink=$!
    sleep 0.3
    start=$(date +%s.%N)
    smtp-source -s "$sessions" -m "$n" -l "$size" -f bench@bench.test -t rcpt@sink.test "$server"
    accepted=$(date +%s.%N)
    wait $sink
    done=$(date +%s.%N)
    echo "$(echo "scale=0; $n / ($accepted - $start)" | bc) $(echo "scale=0; $n / ($done - $start)" | bc)"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run 127.0.0.1:$maild_port "${WARMUP:-20000}" >/dev/null # warm-up (JIT)
ma=() me=() pa=() pe=()
for i in $(seq 1 "$runs"); do
    read -r a e < <(run 127.0.0.1:$maild_port "$messages"); ma+=("$a"); me+=("$e")
    echo "run $i: maild accept $a msg/s, end-to-end $e msg/s"
    if [ "${REF:-}" = postfix ]; then
        read -r a e < <(run 127.0.0.1:2526 "$messages"); pa+=("$a"); pe+=("$e")
        echo "run $i: postfix accept $a msg/s, end-to-end $e msg/s"
    fi
done
echo "relay, smtp-source -s $sessions -m $messages -l $size: maild median accept $(printf '%s\n' "${ma[@]}" | median), end-to-end $(printf '%s\n' "${me[@]}" | median) msg/s"
[ "${REF:-}" = postfix ] && echo "postfix median accept $(printf '%s\n' "${pa[@]}" | median), end-to-end $(printf '%s\n' "${pe[@]}" | median) msg/s"
exit 0
