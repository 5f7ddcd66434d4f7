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
command -v docker-compose >/dev/null || missing+=(docker-compose)  # ComposeFileTest: docker-compose config -q
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "svclab: missing ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "svclab: installing ${missing[*]}" >&2
  apt-get update -qq </dev/null
  apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
fi

# Every module's unit tests, then the e2e module against real processes.
mvn -B -ntp install "$@" </dev/null
