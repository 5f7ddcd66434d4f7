# The container lab's one image: every svclab component, built from the Maven artifacts.
# Build the jars first (./lab build), then the image: ./lab image (this Dockerfile as is, from a registry)
# or ./lab image --local-base (no registry: BASE is a Java image made here from Debian packages).
# Each container runs a component by name: `svclab apiserver --data /data ...` (see docker-compose.yml,
# rendered by ./lab compose from the same component list as ./lab up).
ARG BASE=eclipse-temurin:17-jre
FROM ${BASE}

# iproute2: node containers route their pod CIDR and the service CIDR to their own loopback
# (SVCLAB_LOCAL_ROUTES), so pods and ClusterIPs can bind there, as the local lab binds 127.x,
# and the other nodes' pod CIDRs to those nodes (SVCLAB_PEER_ROUTES). A local base has it already.
RUN command -v ip >/dev/null || { apt-get update && apt-get install -y --no-install-recommends iproute2 \
      && rm -rf /var/lib/apt/lists/*; }

COPY cli/target/lib/ /opt/svclab/lib/
# the apiserver's own jars (BouncyCastle, netty-tcnative's BoringSSL), kept apart for the local lab (cli/.../launch/LabClassPath.java)
COPY cli/target/lib-apiserver/ /opt/svclab/lib/
COPY proto/target/svclab-proto-0.1.0-SNAPSHOT.jar \
     client/target/svclab-client-0.1.0-SNAPSHOT.jar \
     net/target/svclab-net-0.1.0-SNAPSHOT.jar \
     apiserver/target/svclab-apiserver-0.1.0-SNAPSHOT.jar \
     endpoints-controller/target/svclab-endpoints-controller-0.1.0-SNAPSHOT.jar \
     workload-controller/target/svclab-workload-controller-0.1.0-SNAPSHOT.jar \
     node-agent/target/svclab-node-agent-0.1.0-SNAPSHOT.jar \
     node-proxy/target/svclab-node-proxy-0.1.0-SNAPSHOT.jar \
     cloud-lb/target/svclab-cloud-lb-0.1.0-SNAPSHOT.jar \
     dns-server/target/svclab-dns-server-0.1.0-SNAPSHOT.jar \
     cli/target/svclab-cli-0.1.0-SNAPSHOT.jar \
     /opt/svclab/lib/
COPY scripts/container-entrypoint.sh /usr/local/bin/svclab

EXPOSE 6443 1053/udp 1053/tcp
ENTRYPOINT ["/usr/local/bin/svclab"]
CMD ["help"]
