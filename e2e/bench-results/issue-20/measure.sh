#!/usr/bin/env bash
# usage: measure.sh DATA_DIR [nmt]  -> per component RSS/PSS/threads (+ NMT summary)
D=$1
tot=0
printf "%-22s %7s %9s %9s %8s %8s %8s %7s\n" component pid rss_kib pss_kib pss_anon pss_file swap threads
while IFS=$'\t' read -r name pid rest; do
  [ -r /proc/$pid/smaps_rollup ] || continue
  rss=$(awk '/^Rss:/{print $2}' /proc/$pid/smaps_rollup)
  pss=$(awk '/^Pss:/{print $2}' /proc/$pid/smaps_rollup)
  pa=$(awk '/^Pss_Anon:/{print $2}' /proc/$pid/smaps_rollup)
  pf=$(awk '/^Pss_File:/{print $2}' /proc/$pid/smaps_rollup)
  sw=$(awk '/^Swap:/{print $2}' /proc/$pid/smaps_rollup)
  th=$(ls /proc/$pid/task | wc -l)
  tot=$((tot+pss))
  printf "%-22s %7s %9s %9s %8s %8s %8s %7s\n" "$name" "$pid" "$rss" "$pss" "$pa" "$pf" "$sw" "$th"
done < "$D/processes.tsv"
lp=$(cat $D/lab.pid 2>/dev/null)
if [ -n "$lp" ] && [ -r /proc/$lp/smaps_rollup ]; then
  printf "%-22s %7s %9s %9s\n" "(launcher)" $lp $(awk '/^Rss:/{print $2}' /proc/$lp/smaps_rollup) $(awk '/^Pss:/{print $2}' /proc/$lp/smaps_rollup)
fi
echo "total PSS of components: $tot KiB = $((tot/1024)) MiB"
