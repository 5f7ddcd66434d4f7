package io.svclab.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.Node;
import io.svclab.apiserver.validation.ApiObjects;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Nodes: a kubelet registers with its status, and later writes go through the usual spec/status split. */
class NodeStrategyTest {
  private static final String REGISTERED = "{'metadata':{'name':'n1','uid':'u1'},'spec':{'podCIDR':'127.244.1.0/24'},"
      + "'status':{'phase':'Running','addresses':[{'type':'InternalIP','address':'127.0.10.1'}]}}";

  private static Node node(String json) {
    return ApiObjects.parse(ResourceKinds.NODES, json);
  }

  static Stream<Arguments> writes() {
    NodeStrategy strategy = new NodeStrategy();
    return Stream.of(
        arguments("a registration keeps the kubelet's status",
            strategy.prepareForCreate(node(REGISTERED), Instant.EPOCH, "u2"), "127.244.1.0/24 127.0.10.1"),
        arguments("a main update keeps the old status",
            strategy.prepareForUpdate(node("{'metadata':{'name':'n1'},'spec':{'podCIDR':'127.244.1.0/24'}}"),
                node(REGISTERED), false), "127.244.1.0/24 127.0.10.1"),
        arguments("a status update keeps the old spec",
            strategy.prepareForUpdate(node("{'metadata':{'name':'n1'},'status':{'addresses':[{'type':'InternalIP',"
                + "'address':'127.0.10.9'}]}}"), node(REGISTERED), true), "127.244.1.0/24 127.0.10.9"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void specAndStatus(String name, Node written, String expected) {
    String address = written.getStatus().getAddressesCount() == 0 ? "none" : written.getStatus().getAddresses(0).getAddress();
    assertThat(written.getSpec().getPodCidr() + " " + address).isEqualTo(expected);
  }
}
