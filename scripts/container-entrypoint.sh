#!/usr/bin/env bash
# The container lab's entrypoint: runs svclab components by name (the names of ./lab status,
# without the node number), e.g.
#   svclab apiserver --data /data --bind-address 0.0.0.0 ...
#   svclab node-agent --node-name node-1 ... --and node-proxy --node-name node-1 ...
#   svclab healthcheck http://127.0.0.1:6080/healthz [URL...]
set -euo pipefail
CP="/opt/svclab/lib/*"
JAVA_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAMPercentage=25)

main_class() {
  case "$1" in
    apiserver) echo io.svclab.apiserver.ApiServerMain ;;
    endpoints-controller) echo io.svclab.endpoints.EndpointsControllerMain ;;
    workload-controller) echo io.svclab.workload.WorkloadControllerMain ;;
    cloud-lb) echo io.svclab.cloudlb.CloudLbMain ;;
    dns-server) echo io.svclab.dns.DnsServerMain ;;
    node-agent) echo io.svclab.node.NodeAgentMain ;;
    node-proxy) echo io.svclab.proxy.NodeProxyMain ;;
    *) echo "svclab: unknown component '$1' (apiserver, endpoints-controller, workload-controller, cloud-lb, dns-server, node-agent, node-proxy)" >&2; return 1 ;;
  esac
}

# One HTTP GET per URL with bash's /dev/tcp (the JRE image has no curl); healthy when all answer 200.
healthcheck() {
  for url in "$@"; do
    local rest="${url#http://}" hostport path host port status
    hostport="${rest%%/*}"; path="/${rest#*/}"; host="${hostport%:*}"; port="${hostport##*:}"
    exec 3<>"/dev/tcp/$host/$port" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
    IFS= read -r -t 2 status <&3 || return 1
    exec 3<&-
    [[ "$status" == *" 200 "* ]] || return 1
  done
}

if [ "${1:-help}" = "healthcheck" ]; then
  shift
  healthcheck "$@"
  exit
fi
if [ "${1:-help}" = "help" ]; then
  sed -n '2,6p' "$0"
  exit 0
fi

for cidr in ${SVCLAB_LOCAL_ROUTES:-}; do
  ip route replace local "$cidr" dev lo
done
# CIDR=GATEWAY: the other nodes' pod CIDRs via their pod-network addresses, so every pod IP is reachable from every node
for route in ${SVCLAB_PEER_ROUTES:-}; do
  ip route replace "${route%%=*}" via "${route#*=}"
done

# Split "a ARGS --and b ARGS" into processes; the container ends when any of them ends.
pids=()
start() {
  local name="$1"; shift
  local class; class="$(main_class "$name")"
  java "${JAVA_FLAGS[@]}" -Dsvclab.component="$name" -cp "$CP" "$class" "$@" &
  pids+=($!)
}
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop TERM INT

args=()
for a in "$@"; do
  if [ "$a" = "--and" ]; then
    start "${args[@]}"
    args=()
  else
    args+=("$a")
  fi
done
start "${args[@]}"
set +e
wait -n
code=$?
stop
exit "$code"
