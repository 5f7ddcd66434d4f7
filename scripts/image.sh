#!/usr/bin/env bash
# ./lab image [--local-base]: build the container lab's image (svclab:0.1.0) from the Maven jars.
#   ./lab image                the Dockerfile as is: FROM eclipse-temurin:17-jre, pulled from a registry
#   ./lab image --local-base   no registry needed: a Java base image made here from Debian packages
#                              (mmdebstrap of a minimal bookworm, `docker import`), then svclab on it
# The local base is tagged svclab-base:bookworm-jre17 and built only when that tag is missing
# (about a minute; SVCLAB_DEBIAN_MIRROR picks the mirror). Docker itself is reached as usual
# (DOCKER_HOST or /var/run/docker.sock).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE=svclab:0.1.0
BASE_TAG=svclab-base:bookworm-jre17
MIRROR="${SVCLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# iproute2: node containers route pod and service CIDRs; curl and dnsutils: the lab network's
# tools (the e2e test's client container runs this base image).
BASE_PACKAGES=openjdk-17-jre-headless,iproute2,curl,dnsutils,ca-certificates

local_base=false
case "${1:-}" in
  --local-base) local_base=true ;;
  "") ;;
  -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "svclab: image: unknown option '$1' (--local-base)" >&2; exit 2 ;;
esac

[ -f "$ROOT/cli/target/svclab-cli-0.1.0-SNAPSHOT.jar" ] && [ -d "$ROOT/cli/target/lib" ] || {
  echo "svclab: image: the jars are missing; run ./lab build first" >&2
  exit 1
}

build_args=()
if $local_base; then
  if docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
    echo "svclab: image: base $BASE_TAG exists, kept" >&2
  else
    command -v mmdebstrap >/dev/null || {
      echo "svclab: image: mmdebstrap is missing: apt-get install -y mmdebstrap" >&2
      exit 1
    }
    echo "svclab: image: making $BASE_TAG from Debian bookworm ($BASE_PACKAGES)..." >&2
    # --variant=apt: essential packages + apt, nothing else; the tarball goes straight to docker import
    mmdebstrap --quiet --variant=apt --include="$BASE_PACKAGES" bookworm - "$MIRROR" </dev/null \
      | docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' - "$BASE_TAG" >/dev/null
  fi
  build_args=(--network host --build-arg "BASE=$BASE_TAG")
fi
echo "svclab: image: building $IMAGE..." >&2
docker build -q "${build_args[@]}" -t "$IMAGE" "$ROOT" >/dev/null
echo "svclab: image: $IMAGE ready" >&2
