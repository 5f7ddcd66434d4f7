package io.svclab.cloudlb.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.net.ip.Ipv4Prefix;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingTest {
  static Node node(String name, String ready, String internalIp, boolean excluded) {
    ObjectMeta.Builder meta = ObjectMeta.newBuilder().setName(name);
    if (excluded) meta.putLabels(NodeTarget.EXCLUDE_LABEL, "");
    NodeStatus.Builder st = NodeStatus.newBuilder();
    if (ready != null) st.addConditions(NodeCondition.newBuilder().setType("Ready").setStatus(ready));
    if (internalIp != null) st.addAddresses(NodeAddress.newBuilder().setType("InternalIP").setAddress(internalIp));
    st.addAddresses(NodeAddress.newBuilder().setType("Hostname").setAddress(name));
    return Node.newBuilder().setMetadata(meta).setStatus(st).build();
  }

  static Stream<Arguments> nodes() {
    Node deleting = node("n1", "True", "127.0.10.1", false);
    deleting = deleting.toBuilder().setMetadata(deleting.getMetadata().toBuilder()
        .setDeletionTimestamp(com.google.protobuf.Timestamp.newBuilder().setSeconds(1))).build();
    return Stream.of(
        Arguments.of("Ready with an InternalIP: a host", node("n1", "True", "127.0.10.1", false), null),
        Arguments.of("NotReady: not a host", node("n1", "False", "127.0.10.1", false), "node not Ready"),
        Arguments.of("Ready Unknown: not a host", node("n1", "Unknown", "127.0.10.1", false), "node not Ready"),
        Arguments.of("no Ready condition yet: not a host", node("n1", null, "127.0.10.1", false), "node not Ready"),
        Arguments.of("no InternalIP: not a host", node("n1", "True", null, false), "node has no InternalIP"),
        Arguments.of("being deleted: not a host", deleting, "node is being deleted"),
        Arguments.of("excluded from external load balancers", node("n1", "True", "127.0.10.1", true),
            "labelled node.kubernetes.io/exclude-from-external-load-balancers"));
  }

  /** One rule for the balancer and for {@code ./lab trace}: a host, or the reason it is not. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void hosts(String name, Node node, String whyNot) {
    assertThat(NodeTarget.of(node).isPresent()).isEqualTo(whyNot == null);
    assertThat(NodeTarget.whyNot(node)).isEqualTo(java.util.Optional.ofNullable(whyNot));
  }

  static BalancerSpec spec(boolean local) {
    return new BalancerSpec("default/web", "127.100.0.1", List.of(new BalancerSpec.PortSpec(80, "TCP", 30080)),
        List.of(), local, local ? 31000 : 0);
  }

  static final List<NodeTarget> HOSTS = List.of(new NodeTarget("a", "127.0.10.1"), new NodeTarget("b", "127.0.10.2"),
      new NodeTarget("c", "127.0.10.3"));

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("Cluster: round-robin start, others as fallbacks", false, 1L, Set.of(),
            List.of("127.0.10.2:30080", "127.0.10.3:30080", "127.0.10.1:30080")),
        Arguments.of("Cluster: the turn wraps", false, 5L, Set.of(),
            List.of("127.0.10.3:30080", "127.0.10.1:30080", "127.0.10.2:30080")),
        Arguments.of("Local: only healthy nodes", true, 0L, Set.of("127.0.10.3"), List.of("127.0.10.3:30080")),
        Arguments.of("Local: none healthy, nowhere to go", true, 0L, Set.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void candidates(String name, boolean local, long turn, Set<String> healthy, List<String> expected) {
    Route r = new Route(spec(local), 30080, HOSTS, List.of());
    List<String> got = r.candidates(turn, (addr, port) -> port == 31000 && healthy.contains(addr)).stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).toList();
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void sourceRanges() {
    BalancerSpec s = new BalancerSpec("k", "127.100.0.1", List.of(), List.of(Ipv4Prefix.parse("127.0.0.2/32"), Ipv4Prefix.parse("127.1.0.0/16")),
        false, 0);
    assertThat(s.allows(Ipv4Prefix.parse("127.0.0.2").base())).isTrue();
    assertThat(s.allows(Ipv4Prefix.parse("127.1.200.3").base())).isTrue();
    assertThat(s.allows(Ipv4Prefix.parse("127.0.0.3").base())).isFalse();
    assertThat(spec(false).allows(Ipv4Prefix.parse("10.0.0.1").base())).isTrue(); // no ranges: everyone
  }

  @Test
  void withoutNodePortsTheReadyEndpointsAreTheTargets() {
    Service svc = Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName("web"))
        .setSpec(ServiceSpec.newBuilder().setType("LoadBalancer").setAllocateLoadBalancerNodePorts(false)
            .addPorts(ServicePort.newBuilder().setName("http").setPort(80).setProtocol("TCP"))
            .addPorts(ServicePort.newBuilder().setName("other").setPort(81).setProtocol("TCP").setNodePort(30081)))
        .build();
    EndpointSlice slice = EndpointSlice.newBuilder().setAddressType("IPv4")
        .addEndpoints(Endpoint.newBuilder().addAddresses("127.244.1.5").setConditions(EndpointConditions.newBuilder().setReady(true)))
        .addEndpoints(Endpoint.newBuilder().addAddresses("127.244.1.6").setConditions(EndpointConditions.newBuilder().setReady(false)))
        .addEndpoints(Endpoint.newBuilder().addAddresses("127.244.2.7"))
        .addPorts(EndpointSlicePort.newBuilder().setName("http").setProtocol("TCP").setPort(8080))
        .build();
    var direct = DirectTargets.of(svc, List.of(slice));
    assertThat(direct).containsOnlyKeys("80/TCP");
    assertThat(direct.get("80/TCP")).extracting(InetSocketAddress::getHostString)
        .containsExactly("127.244.1.5", "127.244.2.7");
    assertThat(direct.get("80/TCP")).extracting(InetSocketAddress::getPort).containsOnly(8080);
  }
}
