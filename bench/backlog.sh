#!/usr/bin/env bash
# A queue backlog: N messages relayed to a domain whose only MX refuses connections (a
# loopback dnsmasq points it at a closed port). Reports maild's RSS before and with the
# backlog, how long `maild queue list` takes, and, after kill -9 and a restart, how long the
# queue takes to come back (the "recovered N messages" log line) and the RSS then.
#
#   bench/backlog.sh [MESSAGES] [SIZE]      (defaults: 50000 1024)
#
# Needs smtp-source (postfix) and dnsmasq (dnsmasq-base). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-50000} size=${2:-1024}
dead_port=25301 dns_port=25354 maild_port=25253 mgmt=127.0.0.1:29112
for tool in smtp-source dnsmasq; do
    command -v $tool >/dev/null || { echo "bench: $tool missing (apt-get install postfix dnsmasq-base)" >&2; exit 1; }
done
work=$(mktemp -d /tmp/maild-backlog.XXXXXX)
trap 'kill ${pid:-} ${dns:-} 2>/dev/null || true; rm -rf "$work"' EXIT
dnsmasq -k --user=root --port=$dns_port --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
    --mx-host=dead.test,mx.dead.test,10 --host-record=mx.dead.test,127.0.0.1 --log-facility=- 2>"$work/dns.log" &
dns=$!
dotnet publish src/Host -c Release -o "$work/bin" >/dev/null
cat > "$work/maild.conf" <<CONF
maild.delivery { smtp-port = $dead_port, dns-servers = ["127.0.0.1:$dns_port"] }
maild.management.listen = "$mgmt"
CONF
export MAILD_DATA_DIR=$work/data MAILD_SMTP_LISTEN=127.0.0.1:$maild_port MAILD_POP3_LISTEN= MAILD_POP3S_LISTEN= MAILD_IMAP_LISTEN= MAILD_IMAPS_LISTEN= \
       MAILD_HOSTNAME=mx.bench.test MAILD_DOMAINS=bench.test MAILD_MYNETWORKS=127.0.0.0/8
start() {
    dotnet "$work/bin/maild.dll" serve --config "$work/maild.conf" >> "$work/maild.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do grep -q "maild ready" "$work/maild.log" 2>/dev/null && break; sleep 0.2; done
}
rss() { awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$pid/status; }

start
echo "idle: RSS $(rss)"
t0=$(date +%s.%N)
smtp-source -s 20 -m "$messages" -l "$size" -f bench@bench.test -t rcpt@dead.test 127.0.0.1:$maild_port
t1=$(date +%s.%N)
echo "queued $messages in $(echo "scale=1; $t1 - $t0" | bc) s ($(echo "scale=0; $messages / ($t1 - $t0)" | bc) msg/s)"
sleep 10
echo "with the backlog: RSS $(rss)"
t0=$(date +%s.%N)
n=$(dotnet "$work/bin/maild.dll" queue list --json --config "$work/maild.conf" | grep -c '"queueId"')
t1=$(date +%s.%N)
echo "maild queue list --json: $n messages in $(echo "scale=1; $t1 - $t0" | bc) s"

kill -9 $pid; wait $pid 2>/dev/null || true
before=$(grep -c "recovered" "$work/maild.log" || true)
t0=$(date +%s.%N)
start
for _ in $(seq 1 600); do [ "$(grep -c "recovered" "$work/maild.log" || true)" -gt "$before" ] && break; sleep 0.1; done
t1=$(date +%s.%N)
echo "after kill -9: $(grep "recovered" "$work/maild.log" | tail -1 | sed 's/.*queue/queue/') $(echo "scale=1; $t1 - $t0" | bc) s after the restart began; RSS $(rss)"
