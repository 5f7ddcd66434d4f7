package io.svclab.cli.trace;

import io.svclab.api.v1.Node;
import static io.svclab.cli.trace.Trace.Verdict.DIRECT;
import static io.svclab.cli.trace.Trace.Verdict.FORWARDED;
import static io.svclab.cli.trace.Trace.Verdict.NOT_FOUND;
import static io.svclab.cli.trace.Trace.Verdict.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.cli.trace.Trace.Verdict;
import io.svclab.net.ip.Ipv4Prefix;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TraceExplainerTest {
  static final TraceExplainer EXPLAINER = new TraceExplainer(Ipv4Prefix.parse("127.244.0.0/16"));
  static final ClusterView CLUSTER = TraceFixtures.cluster();

  static TraceRequest to(String address) {
    return TraceRequest.parse(address, null, null);
  }

  static TraceRequest fromPod(String address, String pod) {
    return TraceRequest.parse(address, pod, null);
  }

  static TraceRequest fromNode(String address, String node) {
    return TraceRequest.parse(address, null, node);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ClusterIP with two ready endpoints on two nodes", to("127.96.0.20:80"), FORWARDED,
            "Result", "forwarded to one of 2 candidates (random)"),
        Arguments.of("ClusterIP names its Service, port and targetPort", to("127.96.0.20:80"), FORWARDED,
            "Service", "default/web  (ClusterIP)  port http 80/TCP -> targetPort 80"),
        Arguments.of("ClusterIP lists the endpoints with node and pod", to("127.96.0.20:80"), FORWARDED,
            "Endpoints", "127.244.2.2:80   ready   node-2   web-2   yes"),
        Arguments.of("ClusterIP DNS: the A record", to("127.96.0.20:80"), FORWARDED,
            "DNS", "web.default.svc.cluster.local -> 127.96.0.20 (A)"),
        Arguments.of("ClusterIP DNS: SRV for the named port", to("127.96.0.20:80"), FORWARDED,
            "DNS", "_http._tcp.web.default.svc.cluster.local -> 80 web.default.svc.cluster.local (SRV)"),
        Arguments.of("ClusterIP from the host: masqueraded outside the cluster CIDR", to("127.96.0.20:80"), FORWARDED,
            "Source", "from this host (outside 127.244.0.0/16): the node's address (masqueraded); from a pod: the pod's own address"),
        Arguments.of("ClusterIP from a node: masqueraded too", fromNode("127.96.0.20:80", "node-2"), FORWARDED,
            "Source", "from node node-2 (outside 127.244.0.0/16): the node's address"),
        Arguments.of("ClusterIP from a pod keeps the pod's address", fromPod("127.96.0.20:80", "default/client"), FORWARDED,
            "Source", "the pod sees 127.244.1.9, the client's own address"),
        Arguments.of("ClusterIP from a pod in the same namespace: short DNS names", fromPod("127.96.0.20:80", "default/client"),
            FORWARDED, "DNS", "from pods in default also: web, web.default"),
        Arguments.of("NodePort, externalTrafficPolicy Cluster, on node-2's address", to("127.0.10.2:30080"), FORWARDED,
            "Via", "NodePort 30080 on node-2 (127.0.10.2), handled by node-2's node proxy"),
        Arguments.of("NodePort with policy Cluster is masqueraded", to("127.0.10.2:30080"), FORWARDED,
            "Source", "the pod sees the node's address: external traffic is masqueraded"),
        Arguments.of("NodePort: no DNS name leads to a node address", to("127.0.10.2:30080"), FORWARDED,
            "DNS", "none leads here: web-np.default.svc.cluster.local resolves to the ClusterIP 127.96.0.21"),
        Arguments.of("NodePort ETP Local on the node with the endpoint keeps the client address", to("127.0.10.1:30001"),
            FORWARDED, "Source", "the pod sees the client's own address (externalTrafficPolicy Local)"),
        Arguments.of("NodePort ETP Local on a node without endpoint is refused", to("127.0.10.2:30001"), REFUSED,
            "Result", "connection refused: no endpoint on node-2 (externalTrafficPolicy Local); the endpoints run on node-1"),
        Arguments.of("NodePort ETP Local refusal in the seed's words, with the way out", to("127.0.10.2:30001"), REFUSED,
            "Solution", "send it to a node with a local endpoint: 127.0.10.1:30001"),
        Arguments.of("NodePort ETP Local: the remote endpoint is listed as not a candidate", to("127.0.10.2:30001"), REFUSED,
            "Endpoints", "127.244.1.3:80   ready   node-1   solo-1   no: not on node-2"),
        Arguments.of("LoadBalancer IP ETP Local: node-2 fails the health check", to("127.100.0.1:80"), FORWARDED,
            "Via", "node-2 127.0.10.2:31000  healthCheckNodePort 32000 says 503 (0 local endpoints): skipped"),
        Arguments.of("LoadBalancer IP ETP Local: node-1 passes the health check", to("127.100.0.1:80"), FORWARDED,
            "Via", "node-1 127.0.10.1:31000  healthCheckNodePort 32000 says 200 (1 local endpoint)"),
        Arguments.of("LoadBalancer IP ETP Local reaches the one local endpoint", to("127.100.0.1:80"), FORWARDED,
            "Result", "forwarded to the only candidate 127.244.1.3:80 (random)"),
        Arguments.of("externalIP", to("192.0.2.10:80"), FORWARDED, "Via", "externalIP 192.0.2.10:80"),
        Arguments.of("a pod IP directly: no proxy in the path", to("127.244.1.2:80"), DIRECT,
            "Via", "a pod IP: no Service and no proxy in the path"),
        Arguments.of("a pod IP: the Services that select it", to("127.244.1.2:80"), DIRECT, "Services", "default/web (ClusterIP 127.96.0.20)"),
        Arguments.of("a pod IP: its DNS name", to("127.244.1.2:80"), DIRECT, "DNS", "127-244-1-2.default.pod.cluster.local"),
        Arguments.of("selector matches no pod", to("127.96.0.30:80"), REFUSED,
            "Problem", "\u201cConnection Refused\u201d, \u201cNo Endpoints\u201d: the selector app=wbe matches no pod in namespace default"),
        Arguments.of("selector matches no pod: pods with close labels", to("127.96.0.30:80"), REFUSED,
            "Problem", "close: pod web-1 has labels app=web"),
        Arguments.of("selector matches no pod: the seed's fix", to("127.96.0.30:80"), REFUSED,
            "Solution", "Verify Pod labels match service selector"),
        Arguments.of("pods match only in another namespace", to("127.96.0.31:80"), REFUSED,
            "Problem", "wrong namespace: pods matching app=backend run in namespace service-demo, but Service default/backend"),
        Arguments.of("pods match but none is Ready", to("127.96.0.32:80"), REFUSED,
            "Problem", "\u201cNo Endpoints\u201d: 1 pod matches app=slow but none is Ready"),
        Arguments.of("pods match but none is Ready: the pod's condition", to("127.96.0.32:80"), REFUSED,
            "Problem", "pod slow-1: Running, Ready False (containers with unready status: [main])"),
        Arguments.of("a Service without selector or slices", to("127.96.0.38:80"), REFUSED,
            "Problem", "the Service has no selector"),
        Arguments.of("targetPort not listening on any endpoint", to("127.96.0.33:80"), REFUSED,
            "Problem", "targetPort not listening"),
        Arguments.of("targetPort not listening: which port the container declares", to("127.96.0.33:80"), REFUSED,
            "Problem", "it declares http 80/TCP"),
        Arguments.of("internalTrafficPolicy Local from a node without endpoint", fromNode("127.96.0.34:80", "node-2"), REFUSED,
            "Result", "connection refused: no endpoint on node-2 (internalTrafficPolicy Local)"),
        Arguments.of("internalTrafficPolicy Local from a pod on the endpoint's node", fromPod("127.96.0.34:80", "default/client"),
            FORWARDED, "Policy", "internalTrafficPolicy Local: only endpoints on node-1 (never another node)"),
        Arguments.of("sessionAffinity ClientIP pins a client", to("127.96.0.35:80"), FORWARDED,
            "Affinity", "sessionAffinity ClientIP: a client IP stays on its endpoint for 10800 s"),
        Arguments.of("only terminating endpoints: the serving one takes the traffic", to("127.96.0.36:80"), FORWARDED,
            "Policy", "no endpoint is Ready: Serving+Terminating ones take the traffic"),
        Arguments.of("only terminating endpoints: the non-serving one is skipped", to("127.96.0.36:80"), FORWARDED,
            "Endpoints", "127.244.1.8:80   terminating            node-1   -     no: terminating, not serving"),
        Arguments.of("no Service owns the address", to("127.96.9.9:80"), NOT_FOUND,
            "Problem", "\u201cService Not Found\u201d: no Service owns 127.96.9.9:80/TCP"),
        Arguments.of("no Service owns the address: the seed's fix", to("127.96.9.9:80"), NOT_FOUND,
            "Solution", "Check namespace, verify service exists"),
        Arguments.of("a pending LoadBalancer is pointed out", to("127.96.9.9:80"), NOT_FOUND,
            "Problem", "\u201cLoadBalancer Pending\u201d: default/pending-lb has no external IP yet"),
        Arguments.of("right ClusterIP, wrong port", to("127.96.0.20:8080"), NOT_FOUND,
            "Problem", "Service default/web owns ClusterIP 127.96.0.20 but has no port 8080/TCP (its ports: 80/TCP)"),
        Arguments.of("right ClusterIP and port, wrong protocol", to("127.96.0.20:80/UDP"), NOT_FOUND,
            "Problem", "has no port 80/UDP"),
        Arguments.of("a node address without that NodePort", to("127.0.10.1:31999"), NOT_FOUND,
            "Problem", "127.0.10.1 is node node-1's address, but no Service has NodePort 31999/TCP"),
        Arguments.of("from a pod that does not exist", fromPod("127.96.0.20:80", "default/ghost"), NOT_FOUND,
            "Result", "cannot trace from pod default/ghost: no such pod"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void explains(String name, TraceRequest request, Verdict verdict, String label, String expected) {
    Trace trace = EXPLAINER.explain(CLUSTER, request);
    assertThat(trace.verdict()).as(trace.render()).isEqualTo(verdict);
    assertThat(String.join("\n", trace.section(label))).as(trace.render()).contains(expected);
  }

  /** The balancer's hosts come from cloud-lb's own rule ({@code NodeTarget}), not a copy of it. */
  @Test
  void aNodeExcludedFromLoadBalancersIsSkippedAsTheCloudLbSkipsIt() {
    List<Node> nodes = CLUSTER.nodes().stream().map(n -> !n.getMetadata().getName().equals("node-2") ? n
        : n.toBuilder().setMetadata(n.getMetadata().toBuilder()
            .putLabels("node.kubernetes.io/exclude-from-external-load-balancers", "")).build()).toList();
    ClusterView excluded = new ClusterView(CLUSTER.services(), CLUSTER.slices(), CLUSTER.pods(), nodes, CLUSTER.listening());
    Trace trace = EXPLAINER.explain(excluded, to("127.100.0.1:80"));
    assertThat(String.join("\n", trace.section("Via"))).as(trace.render())
        .contains("node-2 127.0.10.2:31000  skipped: labelled node.kubernetes.io/exclude-from-external-load-balancers")
        .contains("node-1 127.0.10.1:31000  healthCheckNodePort 32000 says 200 (1 local endpoint)");
  }

  @Test
  void rendersAlignedLabelsLikeKubectlDescribe() {
    String out = EXPLAINER.explain(CLUSTER, to("127.96.0.20:80")).render();
    assertThat(out).startsWith("Address:   127.96.0.20:80/TCP\nService:   default/web");
    assertThat(out.lines().filter(l -> !l.startsWith(" ")).map(l -> l.substring(0, l.indexOf(':'))).toList())
        .containsExactly("Address", "Service", "From", "Via", "Policy", "Affinity", "Source", "Endpoints", "DNS", "Result");
    assertThat(out.lines().map(l -> l.charAt(11)).distinct().toList()).as(out).doesNotContain(' ');
  }

  @Test
  void probesOnlyTheMatchedServicePortsEndpoints() {
    assertThat(TraceExplainer.probeTargets(CLUSTER, to("127.96.0.20:80"))).containsExactly("127.244.1.2:80", "127.244.2.2:80");
    assertThat(TraceExplainer.probeTargets(CLUSTER, to("127.96.0.33:80"))).containsExactly("127.244.1.2:8080", "127.244.2.2:8080");
    assertThat(TraceExplainer.probeTargets(CLUSTER, to("127.244.1.3:80"))).containsExactly("127.244.1.3:80");
    assertThat(TraceExplainer.probeTargets(CLUSTER, to("127.96.0.20:80/UDP"))).isEmpty();
    assertThat(TraceExplainer.probeTargets(CLUSTER, to("127.96.9.9:80"))).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1} {2} {3}")
  @CsvSource({"127.96.0.10:53/UDP, 127.96.0.10, 53, UDP", "127.0.10.1:30080, 127.0.10.1, 30080, TCP",
      "127.100.0.1:80/tcp, 127.100.0.1, 80, TCP"})
  void parsesAddresses(String text, String ip, int port, String protocol) {
    assertThat(TraceRequest.parse(text, null, null)).isEqualTo(new TraceRequest(ip, port, protocol, null, null));
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @CsvSource({"127.96.0.10", "web:80", "127.96.0.10:99999", "127.96.0.10:0", "127.96.0.10:53/SCTP"})
  void refusesBadAddresses(String text) {
    assertThatThrownBy(() -> TraceRequest.parse(text, null, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyCaseNameIsUnique() {
    List<Object> names = cases().map(a -> a.get()[0]).toList();
    assertThat(names).doesNotHaveDuplicates();
  }
}
