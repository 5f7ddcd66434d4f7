package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.Manifests;
import io.svclab.proxy.snapshot.ProxySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * kube-proxy's TestSyncProxyRulesLargeClusterMode (proxier_test.go, v1.32), with its own
 * expected lines: above 1000 endpoints the per-endpoint comments go; a partial sync does not
 * rewrite the other Services to drop theirs, a full sync does; a deleted Service's chains are
 * deleted once the shell offers the kernel's chains again (kube-proxy: after a sync period).
 */
class KubeProxyLargeClusterTest {
  static final int HALF_THRESHOLD = IptablesRenderer.LARGE_CLUSTER_ENDPOINTS / 2 - 1;

  static String service(String ns, String name, String ip, String portName, int port) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {namespace: %s, name: %s}
        spec: {type: ClusterIP, clusterIP: %s, ports: [{name: %s, port: %d, protocol: TCP}]}
        ---
        """.formatted(ns, name, ip, portName, port);
  }

  static String slice(String ns, String name, String portName, int port, List<String> addresses) {
    StringBuilder b = new StringBuilder("""
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {namespace: %s, name: %s-1, labels: {kubernetes.io/service-name: %s}}
        addressType: IPv4
        ports: [{name: %s, port: %d, protocol: TCP}]
        endpoints:
        """.formatted(ns, name, name, portName, port));
    for (String a : addresses) b.append("- {addresses: [").append(a).append("]}\n");
    return b.append("---\n").toString();
  }

  static List<String> addresses(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(prefix + "." + (i % 256) + "." + (i / 256));
    return out;
  }

  static final String SVC123 = service("ns1", "svc1", "172.30.0.41", "p80", 80)
      + service("ns2", "svc2", "172.30.0.42", "p8080", 8080) + service("ns3", "svc3", "172.30.0.43", "p8081", 8081)
      + slice("ns1", "svc1", "p80", 80, addresses("10.0", HALF_THRESHOLD))
      + slice("ns2", "svc2", "p8080", 8080, addresses("10.1", HALF_THRESHOLD));
  static final String SVC3_SLICE = slice("ns3", "svc3", "p8081", 8081, List.of("203.0.113.4", "203.0.113.8",
      "203.0.113.12"));
  static final String SVC4 = service("ns4", "svc4", "172.30.0.44", "p8082", 8082)
      + slice("ns4", "svc4", "p8082", 8082, List.of("10.4.0.1"));

  /** kube-proxy's countEndpointsAndComments: the DNAT line of one endpoint, DNAT lines, commented DNAT lines. */
  record Count(String matched, int endpoints, int comments) {}

  static Count count(RestoreInput input, String endpoint) {
    String matched = "";
    int endpoints = 0;
    int comments = 0;
    for (String line : input.nat()) {
      if (!line.startsWith("-A KUBE-SEP-") || !line.contains("-j DNAT")) continue;
      endpoints++;
      if (line.contains("--comment")) comments++;
      if (line.contains(endpoint)) matched = line;
    }
    return new Count(matched, endpoints, comments);
  }

  static ProxySnapshot snapshot(String yaml) {
    return Manifests.snapshotOf(yaml, KubeProxyGoldenTest.NODE_NAME);
  }

  @Test
  void commentsGoAboveAThousandEndpoints() {
    NodeContext ctx = KubeProxyGoldenTest.FAKE_PROXIER;
    ProxySnapshot first = snapshot(SVC123);
    RestoreInput full = IptablesRenderer.render(first, ctx);
    assertThat(count(full, "10.0.0.0")).isEqualTo(new Count(
        "-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80",
        2 * HALF_THRESHOLD, 2 * HALF_THRESHOLD));

    // svc3's endpoints cross the threshold; the partial sync writes only svc3, without comments
    ProxySnapshot second = snapshot(SVC123 + SVC3_SLICE);
    RestoreInput partial = IptablesRenderer.render(second, ctx, SyncPlanner.plan(first, second, false,
        Instant.EPOCH, Instant.EPOCH));
    assertThat(count(partial, "203.0.113.4")).isEqualTo(new Count(
        "-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT --to-destination 203.0.113.4:8081", 3, 0));

    RestoreInput forced = IptablesRenderer.render(second, ctx);
    assertThat(count(forced, "10.0.0.0")).isEqualTo(new Count(
        "-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80", 2 * HALF_THRESHOLD + 3, 0));

    ProxySnapshot third = snapshot(SVC123 + SVC3_SLICE + SVC4);
    RestoreInput withSvc4 = IptablesRenderer.render(third, ctx, SyncScope.partial(Set.of("ns4/svc4")));
    assertThat(count(withSvc4, "10.4.0.1")).isEqualTo(new Count(
        "-A KUBE-SEP-SU5STNODRYEWJAUF -m tcp -p tcp -j DNAT --to-destination 10.4.0.1:8082", 1, 0));

    // svc4 deleted (its slice stays): no chains deleted while the shell skips the cleanup ...
    ProxySnapshot fourth = snapshot(SVC123 + SVC3_SLICE + SVC4.substring(SVC4.indexOf("---\n") + 4));
    RestoreInput noCleanup = IptablesRenderer.render(fourth, ctx, SyncScope.partial(Set.of("ns4/svc4")));
    assertThat(count(noCleanup, "10.4.0.1")).isEqualTo(new Count("", 0, 0));
    assertThat(noCleanup.text()).doesNotContain("-X ");

    // ... and deleted when it offers the kernel's chains
    Set<String> kernel = new HashSet<>(forced.activeNatChains());
    kernel.addAll(withSvc4.activeNatChains());
    RestoreInput cleanup = IptablesRenderer.render(fourth, ctx, SyncScope.partial(Set.of()).deletingStaleChainsOf(kernel));
    assertThat(cleanup.nat()).contains("-X KUBE-SVC-EBDQOQU5SJFXRIL3", "-X KUBE-SEP-SU5STNODRYEWJAUF");
    assertThat(count(cleanup, "10.4.0.1").matched()).isEmpty();
  }
}
