package io.svclab.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.Service;
import io.svclab.apiserver.allocation.AllocatorRepair;
import io.svclab.apiserver.allocation.ClusterIpAllocator;
import io.svclab.apiserver.allocation.NodePortAllocator;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.validation.ApiObjects;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Services: what an update carries over, and what a write holds after commit or rollback. */
class ServiceStrategyTest {
  private static final String META = "'metadata':{'name':'web','namespace':'default'}";
  private static final String CLUSTER_IP = "{" + META + ",'spec':{'type':'ClusterIP','clusterIP':'127.96.71.5',"
      + "'clusterIPs':['127.96.71.5'],'ports':[{'port':80,'protocol':'TCP'}]}}";
  private static final String NODE_PORT = "{" + META + ",'spec':{'type':'NodePort','clusterIP':'127.96.71.5',"
      + "'clusterIPs':['127.96.71.5'],'ports':[{'port':80,'protocol':'TCP','nodePort':30005}]}}";

  private final ClusterIpAllocator ips = new ClusterIpAllocator("127.96.71.0/28", new Random(1));
  private final NodePortAllocator ports = new NodePortAllocator(30000, 30009, new Random(1));
  private final ServiceAllocator allocator = new ServiceAllocator(ips, ports);
  private final ServiceStrategy strategy = new ServiceStrategy(allocator);
  /** The Service a case hands to allocate: after defaults and, on update, the carry-over. */
  private Service written;

  private static Service svc(String json) {
    return ApiObjects.parse(ResourceKinds.SERVICES, json);
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        arguments("an unset clusterIP keeps the allocated one", CLUSTER_IP,
            "{" + META + ",'spec':{'type':'ClusterIP','ports':[{'port':80,'protocol':'TCP'}]}}", false,
            (Function<Service, Object>) s -> s.getSpec().getClusterIp(), "127.96.71.5"),
        arguments("an unset nodePort keeps the allocated one of the same port", NODE_PORT,
            "{" + META + ",'spec':{'type':'NodePort','ports':[{'port':80,'protocol':'TCP'}]}}", false,
            (Function<Service, Object>) s -> s.getSpec().getPorts(0).getNodePort(), 30005),
        arguments("NodePort to ClusterIP drops the nodePort the user did not change", NODE_PORT,
            NODE_PORT.replace("'NodePort'", "'ClusterIP'"), false,
            (Function<Service, Object>) s -> s.getSpec().getPorts(0).getNodePort(), 0),
        arguments("ClusterIP to ExternalName drops the clusterIP the user did not change", CLUSTER_IP,
            "{" + META + ",'spec':{'type':'ExternalName','externalName':'db.example.com','clusterIP':'127.96.71.5'}}", false,
            (Function<Service, Object>) s -> s.getSpec().getClusterIp() + s.getSpec().getClusterIpsList(), "[]"),
        arguments("a status update keeps the old spec", CLUSTER_IP,
            "{" + META + ",'spec':{'type':'NodePort'},'status':{'loadBalancer':{'ingress':[{'ip':'127.100.0.1'}]}}}", true,
            (Function<Service, Object>) s -> s.getSpec().getType() + " " + s.getStatus().getLoadBalancer().getIngress(0).getIp(),
            "ClusterIP 127.100.0.1"),
        arguments("a main update keeps the old status",
            CLUSTER_IP.substring(0, CLUSTER_IP.length() - 1) + ",'status':{'loadBalancer':{'ingress':[{'ip':'127.100.0.1'}]}}}",
            CLUSTER_IP, false,
            (Function<Service, Object>) s -> s.getStatus().getLoadBalancer().getIngress(0).getIp(), "127.100.0.1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void prepareForUpdate(String name, String old, String updated, boolean statusOnly, Function<Service, Object> read,
      Object expected) {
    assertThat(read.apply(strategy.prepareForUpdate(svc(updated), svc(old), statusOnly))).isEqualTo(expected);
  }

  /**
   * Each case: the stored Service (null on create; what it holds is marked taken first), the
   * written one, and what is held after allocate, after commit, and after rollback instead.
   */
  static Stream<Arguments> allocations() {
    return Stream.of(
        arguments("a ClusterIP Service takes an address from the range", null,
            "{" + META + ",'spec':{'type':'ClusterIP','ports':[{'port':80}]}}",
            "clusterIP from range, nodePorts [none]", "ips 1 ports 0", "ips 1 ports 0", "ips 0 ports 0"),
        arguments("an asked-for clusterIP is taken as asked", null, CLUSTER_IP,
            "clusterIP as asked, nodePorts [none]", "ips 1 ports 0", "ips 1 ports 0", "ips 0 ports 0"),
        arguments("a headless Service takes nothing", null,
            "{" + META + ",'spec':{'clusterIP':'None','ports':[{'port':80}]}}",
            "clusterIP None, nodePorts [none]", "ips 0 ports 0", "ips 0 ports 0", "ips 0 ports 0"),
        arguments("an ExternalName Service takes nothing", null,
            "{" + META + ",'spec':{'type':'ExternalName','externalName':'db.example.com'}}",
            "clusterIP none, nodePorts []", "ips 0 ports 0", "ips 0 ports 0", "ips 0 ports 0"),
        arguments("a NodePort Service takes an address and a port per service port", null,
            "{" + META + ",'spec':{'type':'NodePort','ports':[{'name':'a','port':80},{'name':'b','port':81}]}}",
            "clusterIP from range, nodePorts [from range, from range]", "ips 1 ports 2", "ips 1 ports 2", "ips 0 ports 0"),
        arguments("TCP and UDP on one port share one NodePort", null,
            "{" + META + ",'spec':{'type':'NodePort','ports':[{'name':'dns','port':53,'protocol':'UDP'},"
                + "{'name':'dns-tcp','port':53,'protocol':'TCP'}]}}",
            "clusterIP from range, nodePorts [from range, from range]", "ips 1 ports 1", "ips 1 ports 1", "ips 0 ports 0"),
        arguments("an update that keeps its values takes nothing new", NODE_PORT, NODE_PORT,
            "clusterIP as asked, nodePorts [as asked]", "ips 1 ports 1", "ips 1 ports 1", "ips 1 ports 1"),
        arguments("NodePort to ClusterIP gives the port back on commit only", NODE_PORT,
            NODE_PORT.replace("'NodePort'", "'ClusterIP'").replace(",'nodePort':30005", ""),
            "clusterIP as asked, nodePorts [none]", "ips 1 ports 1", "ips 1 ports 0", "ips 1 ports 1"),
        arguments("ClusterIP to NodePort takes a port, rollback gives it back", CLUSTER_IP,
            CLUSTER_IP.replace("'ClusterIP'", "'NodePort'"),
            "clusterIP as asked, nodePorts [from range]", "ips 1 ports 1", "ips 1 ports 1", "ips 1 ports 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allocations")
  void allocateThenCommit(String name, String old, String updated, String object, String held, String committed,
      String rolledBack) {
    Allocation<Service> allocation = allocate(old, updated);
    assertThat(describe(allocation.object(), written)).isEqualTo(object);
    assertThat(held()).isEqualTo(held);
    allocation.commit();
    assertThat(held()).isEqualTo(committed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allocations")
  void allocateThenRollBack(String name, String old, String updated, String object, String held, String committed,
      String rolledBack) {
    allocate(old, updated).rollback();
    assertThat(held()).isEqualTo(rolledBack);
  }

  private Allocation<Service> allocate(String old, String updated) {
    Service stored = old == null ? null : strategy.applyDefaults(svc(old));
    if (stored != null) {
      new AllocatorRepair(() -> List.of(stored), ips, ports).runOnce();
    }
    written = strategy.applyDefaults(svc(updated));
    if (stored != null) {
      written = strategy.prepareForUpdate(written, stored, false);
    }
    return strategy.allocate(written, stored);
  }

  /** Each value as asked (the user set it, or it was held before), taken from the range, or none. */
  private String describe(Service s, Service asked) {
    String ip = s.getSpec().getClusterIp();
    String clusterIp = ip.isEmpty() ? "none" : ip.equals("None") ? "None"
        : ip.equals(asked.getSpec().getClusterIp()) ? "as asked" : ips.contains(ip) ? "from range" : ip;
    List<String> nodePorts = new java.util.ArrayList<>();
    for (int i = 0; i < s.getSpec().getPortsCount(); i++) {
      int p = s.getSpec().getPorts(i).getNodePort();
      nodePorts.add(p == 0 ? "none" : p == asked.getSpec().getPorts(i).getNodePort() ? "as asked"
          : p >= ports.first() && p <= ports.last() ? "from range" : "" + p);
    }
    return "clusterIP " + clusterIp + ", nodePorts " + nodePorts.toString();
  }

  private String held() {
    return "ips " + ips.used() + " ports " + ports.used();
  }

  @Test
  void anAddressOutsideTheRangeIsInvalidAndTakesNothing() {
    Service outside = strategy.applyDefaults(svc("{" + META + ",'spec':{'type':'NodePort','clusterIP':'10.0.0.1',"
        + "'ports':[{'port':80}]}}"));

    assertThatThrownBy(() -> strategy.allocate(outside, null))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("Service \"web\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: "
            + "failed to allocate IP 10.0.0.1");
    assertThat(held()).isEqualTo("ips 0 ports 0");
  }

  @Test
  void releaseGivesBackEverythingARemovedServiceHeld() {
    Service stored = strategy.applyDefaults(svc(NODE_PORT));
    new AllocatorRepair(() -> List.of(stored), ips, ports).runOnce();
    assertThat(held()).isEqualTo("ips 1 ports 1");

    strategy.release(stored);

    assertThat(held()).isEqualTo("ips 0 ports 0");
  }
}
