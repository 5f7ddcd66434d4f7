#!/bin/bash
# Measurement aid kept with issue-20.md. Syscalls per connection, sequential bounded client (1 connection at a time): haproxy, before, after.
H=/tmp/labs-proxy-speed/harness; cd /work/wt-proxy-speed; N=${1:-1000}
haproxy -db -f $H/haproxy-backend.cfg >$H/backend.log 2>&1 & B=$!
haproxy -db -f $H/haproxy-anchor.cfg >$H/anchor.log 2>&1 & A=$!
java -XX:+UseSerialGC -Xmx1g -cp "$H:$(cat $H/cp)" ProxyHarness 127.0.50.3:80 127.0.50.1:8080 >$H/proxy.log 2>&1 & P=$!
java -XX:+UseSerialGC -Xmx1g -cp "$H:$(cat /tmp/labs-proxy-speed/before/cp)" ProxyHarness 127.0.50.4:80 127.0.50.1:8080 >$H/proxy-before.log 2>&1 & Q=$!
for i in $(seq 1 300); do grep -q ready $H/proxy.log 2>/dev/null && grep -q ready $H/proxy-before.log 2>/dev/null && break; sleep 0.2; done
for pair in "haproxy $A 127.0.50.2" "before $Q 127.0.50.4" "after $P 127.0.50.3"; do
  set -- $pair
  python3 $H/conns.py $3 80 $((N*2)) >/dev/null   # warm-up (JIT)
  timeout 120 strace -c -f -q -p $2 -o $H/sc-$1.txt & S=$!; sleep 1
  ok=$(python3 $H/conns.py $3 80 $N); sleep 0.5; kill -INT $S; wait $S
  echo "$1: $ok of $N answered under strace"
done
kill $P $Q $A $B; wait 2>/dev/null
for f in haproxy before after; do echo "== $f: calls per connection ($N connections)"; awk -v n=$N 'NR>2 && $0 !~ /^-/ && $0 !~ /total/ { calls=$4; printf "  %-16s %6.2f\n", $NF, calls/n }' $H/sc-$f.txt | sort -k2 -n -r | awk '$2>=0.05'; awk -v n=$N '/total/{printf "  %-16s %6.2f\n", "TOTAL", $3/n}' $H/sc-$f.txt; done
