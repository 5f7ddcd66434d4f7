#!/usr/bin/env bash
# ./lab test: install what the tests need (when missing), build, and run every test.
# Runs non-interactively as root in CI; safe to re-run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v dig >/dev/null || missing+=(dnsutils)
command -v curl >/dev/null || missing+=(curl)
command -v ip >/dev/null || missing+=(iproute2)
# node-proxy's kernel modes (IptablesRestoreKernelTest, NftKernelTest, e2e KernelProxyTest; the latter's backends are python's http.server)
command -v iptables-restore >/dev/null || missing+=(iptables)
command -v nft >/dev/null || missing+=(nftables)
command -v conntrack >/dev/null || missing+=(conntrack)
command -v python3 >/dev/null || missing+=(python3)
command -v etcd >/dev/null || missing+=(etcd-server)          # ./lab up --etcd, e2e EtcdClusterTest, MultiApiServerTest
# the kernel lab's `kubectl exec`/`run -it` run the host's real programs in the pod's namespaces (e2e NetnsKubectlTest)
command -v bash >/dev/null || missing+=(bash)
command -v busybox >/dev/null || missing+=(busybox)
command -v nsenter >/dev/null || missing+=(util-linux)
command -v script >/dev/null || missing+=(bsdutils)
command -v wrk >/dev/null || missing+=(wrk)        # e2e RulesBenchmarkTest: ./lab bench rules' data-path rows
command -v iperf3 >/dev/null || missing+=(iperf3)
command -v docker-compose >/dev/null || missing+=(docker-compose)  # ComposeFileTest, e2e ComposeLabTest
command -v dockerd >/dev/null || missing+=(docker.io)              # e2e ComposeLabTest: the real engine
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)          # ./lab image --local-base (no registry needed)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "svclab: missing ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "svclab: installing ${missing[*]}" >&2
  apt-get update -qq </dev/null
  apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
fi

# The container lab's e2e test needs a Docker engine. When none answers, start one of our own
# (data root under target/, so the local base image stays cached between runs; socket and
# exec root in a short /tmp path, as unix socket paths are limited) and stop it afterwards.
# iptables stays on: it is what makes the compose file's `internal: true` networks internal.
# --ip-forward=false leaves the machine's forwarding (and FORWARD policy) as it was: the lab
# needs none, its traffic stays on its bridges and published ports go through docker-proxy.
own_dockerd=""
if ! docker info >/dev/null 2>&1; then
  run_dir="$(mktemp -d /tmp/svclab-docker.XXXXXX)"
  mkdir -p "$ROOT/target/docker"
  dockerd --data-root "$ROOT/target/docker" --exec-root "$run_dir/exec" --host "unix://$run_dir/docker.sock" \
    --pidfile "$run_dir/docker.pid" --ip-forward=false >"$run_dir/dockerd.log" 2>&1 &
  own_dockerd=$!
  export DOCKER_HOST="unix://$run_dir/docker.sock"
  # Keeps the tests' exit status: under `set -e` a failing command in an EXIT trap would replace it.
  stop_dockerd() {
    local status=$?
    kill "$own_dockerd" 2>/dev/null || true
    wait "$own_dockerd" 2>/dev/null || true
    # a stopped dockerd leaves its network namespace mounted under its exec root
    for m in "$run_dir"/exec/netns/*; do umount "$m" 2>/dev/null || true; done
    rm -rf "$run_dir" 2>/dev/null || echo "svclab: could not remove $run_dir" >&2
    return "$status"
  }
  trap stop_dockerd EXIT
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { echo "svclab: dockerd did not start; see $run_dir/dockerd.log" >&2; exit 1; }
  echo "svclab: started a dockerd of our own ($DOCKER_HOST), stopped when the tests end" >&2
fi

# Every module's unit tests, then the e2e module against real processes (and the Docker engine).
mvn -B -ntp install "$@" </dev/null
