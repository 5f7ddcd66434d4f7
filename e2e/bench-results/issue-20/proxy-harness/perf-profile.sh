#!/bin/bash
# Measurement aid kept with issue-20.md. CPU profile of connection-close forwarding, sequential client: where each forwarder's CPU goes.
H=/tmp/labs-proxy-speed/harness; cd /work/wt-proxy-speed; WARM=${1:-20000}; N=${2:-4000}; WHICH=${3:-after}
CPX=$(cat $H/cp); [ "$WHICH" = before ] && CPX=$(cat /tmp/labs-proxy-speed/before/cp)
haproxy -db -f $H/haproxy-backend.cfg >$H/backend.log 2>&1 & B=$!
haproxy -db -f $H/haproxy-anchor.cfg >$H/anchor.log 2>&1 & A=$!
java -XX:+UseSerialGC -Xmx1g -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer -cp "$H:$CPX" ProxyHarness 127.0.50.3:80 127.0.50.1:8080 >$H/proxy.log 2>&1 & P=$!
for i in $(seq 1 300); do grep -q ready $H/proxy.log 2>/dev/null && break; sleep 0.2; done
python3 $H/conns.py 127.0.50.3 80 $WARM >/dev/null; python3 $H/conns.py 127.0.50.2 80 2000 >/dev/null
for pair in "haproxy $A 127.0.50.2" "$WHICH $P 127.0.50.3"; do set -- $pair
  c0=$(awk '{print $14+$15}' /proc/$2/stat)
  timeout 120 perf record -q -F 999 -g -p $2 -o $H/perf-$1.data >/dev/null 2>&1 & S=$!; sleep 0.5
  ok=$(python3 $H/conns.py $3 80 $N); kill -INT $S; wait $S
  c1=$(awk '{print $14+$15}' /proc/$2/stat)
  echo "$1: $ok of $N; CPU $(( (c1-c0)*10 )) ms => $(echo "($c1-$c0)*10000/$N" | bc) us per connection (perf on)"
done
kill $P $A $B; wait 2>/dev/null; sleep 1
for f in haproxy $WHICH; do echo "== $f by dso"; perf report -i $H/perf-$f.data --no-children --sort dso --stdio 2>/dev/null | grep -v "^#" | grep -v "^$" | head -8; done
echo "== $WHICH top symbols"; perf report -i $H/perf-$WHICH.data --no-children --sort sym --stdio -g none 2>/dev/null | grep -v "^#" | grep -v "^$" | head -45
