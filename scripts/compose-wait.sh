#!/usr/bin/env bash
# ./lab compose wait [-p PROJECT] [--timeout SECONDS]: after `docker-compose up -d` (v1, which has
# no --wait), return when every service of docker-compose.yml has a healthy container; exit 1
# with each container's state when that takes longer than the timeout (default 300 s).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project=()
timeout=300
while [ $# -gt 0 ]; do
  case "$1" in
    -p|--project-name) project=(-p "$2"); shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "svclab: compose wait: unknown option '$1' (-p PROJECT, --timeout SECONDS)" >&2; exit 2 ;;
  esac
done
compose=(docker-compose -f "$ROOT/docker-compose.yml" "${project[@]}")
services="$("${compose[@]}" config --services | wc -l)"
deadline=$((SECONDS + timeout))
while :; do
  ids="$("${compose[@]}" ps -q)"
  states=""
  [ -n "$ids" ] && states="$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' $ids)"
  healthy="$(grep -c ' healthy$' <<<"$states" || true)"
  if [ "$healthy" -eq "$services" ]; then
    echo "svclab: all $services services healthy" >&2
    exit 0
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "svclab: $healthy of $services services healthy after ${timeout}s:" >&2
    echo "$states" >&2
    exit 1
  fi
  sleep 2
done
