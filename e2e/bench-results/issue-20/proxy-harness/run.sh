#!/bin/bash
# Measurement aid kept with issue-20.md. usage: run.sh ROUNDS SECONDS [strace|jfr]  (inside netns h-proxy-speed, under the bench lock)
# forwarders: haproxy 127.0.50.2:80, svclab-before (saved classes) 127.0.50.4:80, svclab-after (worktree classes) 127.0.50.3:80
H=/tmp/labs-proxy-speed/harness; cd /work/wt-proxy-speed
ROUNDS=${1:-3}; SECS=${2:-5}; MODE=$3
echo "# load before: $(uptime)"
haproxy -db -f $H/haproxy-backend.cfg >$H/backend.log 2>&1 & B=$!
haproxy -db -f $H/haproxy-anchor.cfg >$H/anchor.log 2>&1 & A=$!
J=""; [ "$MODE" = jfr ] && J="-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$H/after.jfr"
java -XX:+UseSerialGC -Xmx1g $J $SVCLAB_HARNESS_JVM -cp "$H:$(cat $H/cp)" ProxyHarness 127.0.50.3:80 127.0.50.1:8080 >$H/proxy.log 2>&1 & P=$!
J=""; [ "$MODE" = jfr ] && J="-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$H/before.jfr"
java -XX:+UseSerialGC -Xmx1g $J -cp "$H:$(cat /tmp/labs-proxy-speed/before/cp)" ProxyHarness 127.0.50.4:80 127.0.50.1:8080 >$H/proxy-before.log 2>&1 & Q=$!
for i in $(seq 1 150); do grep -q ready $H/proxy.log && grep -q ready $H/proxy-before.log && break; sleep 0.2; done
sleep 0.5
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
wrkc() { if [ "$3" = close ]; then set -- "$1" "$2" -H "Connection: close"; else set -- "$1" "$2"; fi
  wrk -t2 -c64 -d${2}s "${@:3}" http://$1/ 2>&1 | awk '/Requests\/sec/{print $2} /Socket errors/{print "errors: "$0}'; }
wrkc 127.0.50.1:8080 2 >/dev/null; for t in 127.0.50.2:80 127.0.50.3:80 127.0.50.4:80; do wrkc $t 3 >/dev/null; wrkc $t 3 close >/dev/null; done
if [ "$MODE" = strace ]; then
  for pair in "haproxy $A 127.0.50.2:80" "before $Q 127.0.50.4:80" "after $P 127.0.50.3:80"; do
    set -- $pair
    timeout 60 strace -c -f -q -p $2 -o $H/strace-$1.txt & S=$!; sleep 1
    r=$(wrk -t1 -c8 -d3s -H "Connection: close" http://$3/ | awk '/requests in/{print $1}')
    sleep 0.5; kill -INT $S; wait $S
    echo "$1: $r requests under strace"; echo "$r" > $H/strace-$1.n
  done
elif [ "$MODE" = perf ]; then
  for pair in "haproxy $A 127.0.50.2:80" "before $Q 127.0.50.4:80" "after $P 127.0.50.3:80"; do
    set -- $pair
    timeout 60 perf record -q -F 499 -g -p $2 -o $H/perf-$1.data -- sleep 4 >/dev/null 2>&1 & S=$!
    r=$(wrk -t2 -c64 -d4s -H "Connection: close" http://$3/ | awk '/requests in/{print $1}')
    wait $S
    echo "$1: $r requests under perf"; echo "$r" > $H/perf-$1.n
  done
else
  F=("haproxy:$A:127.0.50.2:80" "before:$Q:127.0.50.4:80" "after:$P:127.0.50.3:80")
  for round in $(seq 1 $ROUNDS); do
    order="${F[0]} ${F[1]} ${F[2]}"; [ $((round%2)) = 0 ] && order="${F[2]} ${F[1]} ${F[0]}"
    for o in $order; do IFS=: read name pid ip port <<<"$o"
      for kind in close keepalive; do
        c0=$(cpu $pid); t0=$(date +%s.%N); r=$(wrkc $ip:$port $SECS $kind | head -1); t1=$(date +%s.%N); c1=$(cpu $pid)
        echo "round $round $kind $name $r req/s cpu $(echo "($c1-$c0)/100/($t1-$t0)" | bc -l | cut -c1-5) cores"
      done
    done
  done
fi
kill $P $Q $A $B; wait 2>/dev/null
echo "# load after: $(uptime)"
