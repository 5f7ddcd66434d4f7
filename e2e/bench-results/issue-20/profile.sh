#!/usr/bin/env bash
# usage: profile.sh OUTDIR  (run inside the netns, with SVCLAB_* exported); one lab: up, idle, profile, down
set -u
OUT=$1; mkdir -p $OUT; D=/tmp/labs-lab-memory/prof; rm -rf $D; mkdir -p $D
cd /work/wt-lab-memory
uptime > $OUT/uptime.txt
./lab up --data $D > $OUT/up.log 2>&1 &
LP=$!
for i in $(seq 1 180); do grep -q "svclab is up" $OUT/up.log && break; sleep 1; done
grep "svclab is up" $OUT/up.log
tck=$(getconf CLK_TCK)
echo "cpu seconds at ready (utime+stime)" > $OUT/cpu.txt
while IFS=$'\t' read -r name pid rest; do
  [ -r /proc/$pid/stat ] || continue
  awk -v n=$name -v t=$tck '{printf "%-22s %6.2f\n", n, ($14+$15)/t}' /proc/$pid/stat >> $OUT/cpu.txt
done < $D/processes.tsv
lp=$(cat $D/lab.pid); awk -v t=$tck '{printf "%-22s %6.2f\n", "launcher", ($14+$15)/t}' /proc/$lp/stat >> $OUT/cpu.txt
sleep ${IDLE:-40}
bash e2e/bench-results/issue-20/measure.sh $D > $OUT/smaps.txt
while IFS=$'\t' read -r name pid rest; do
  [ -r /proc/$pid/stat ] || continue
  { echo "== $name"; jcmd $pid VM.native_memory summary 2>/dev/null | grep -E "^-|Total|committed=" | grep -E "^-|Total" ; } >> $OUT/nmt.txt
  { echo "== $name"; jcmd $pid GC.heap_info | head -8; } >> $OUT/heap.txt
  { echo "== $name"; jcmd $pid Thread.print | grep '^"' | sed 's/".*//;s/^"//' ; jcmd $pid Thread.print | grep '^"' | cut -d'"' -f2 | sed 's/[-#]*[0-9]\+$//' | sort | uniq -c | sort -rn; } >> $OUT/threads.txt
  { echo "== $name"; jcmd $pid GC.class_histogram | head -25; } >> $OUT/histo.txt
done < $D/processes.tsv
lp=$(cat $D/lab.pid)
{ echo "== launcher"; jcmd $lp GC.heap_info | head -8; } >> $OUT/heap.txt
{ echo "== launcher"; jcmd $lp GC.class_histogram | head -25; } >> $OUT/histo.txt
{ echo "== launcher"; jcmd $lp VM.native_memory summary 2>/dev/null | grep -E "^-|Total"; } >> $OUT/nmt.txt
bash e2e/bench-results/issue-20/measure.sh $D > $OUT/smaps-after-histo.txt
./lab down --data $D > $OUT/down.log 2>&1
wait $LP
