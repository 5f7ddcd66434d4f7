package io.svclab.cloudlb.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.PortStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.cloudlb.ipam.IpPool;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadBalancerPlannerTest {
  static final String KEY = "default/web";
  static final String F = LoadBalancerPlanner.FINALIZER;

  static Service lb() {
    return Service.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName("web").setUid("u1"))
        .setSpec(ServiceSpec.newBuilder().setType("LoadBalancer")
            .addPorts(ServicePort.newBuilder().setPort(80).setProtocol("TCP").setNodePort(30080)))
        .build();
  }

  static Service with(UnaryOperator<Service.Builder> edit) {
    return edit.apply(lb().toBuilder()).build();
  }

  static Service.Builder finalized(Service.Builder b) {
    b.getMetadataBuilder().addFinalizers(F);
    return b;
  }

  static Service.Builder withStatusIp(Service.Builder b, String ip) {
    b.getStatusBuilder().getLoadBalancerBuilder().addIngress(LoadBalancerIngress.newBuilder().setIp(ip).setIpMode("VIP")
        .addPorts(PortStatus.newBuilder().setPort(80).setProtocol("TCP")));
    return b;
  }

  /** Pool state before planning. */
  static Consumer<IpPool> pool(Consumer<IpPool> setup) {
    return setup;
  }

  static Consumer<IpPool> empty() { return p -> {}; }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ClusterIP Service: ignored",
            with(b -> b.setSpec(b.getSpec().toBuilder().setType("ClusterIP"))), empty(), "Ignore()"),
        Arguments.of("other loadBalancerClass: ignored",
            with(b -> b.setSpec(b.getSpec().toBuilder().setLoadBalancerClass("example.com/other"))), empty(), "Ignore()"),
        Arguments.of("new LoadBalancer: finalizer first, lowest free IP",
            lb(), empty(), "Ensure(addFinalizer=true, ip=127.100.7.1, statusChanged=true, announce=true)"),
        Arguments.of("our class svclab.io/lb is served",
            with(b -> finalized(b.setSpec(b.getSpec().toBuilder().setLoadBalancerClass("svclab.io/lb")))), empty(),
            "Ensure(addFinalizer=false, ip=127.100.7.1, statusChanged=true, announce=true)"),
        Arguments.of("converged: nothing to announce",
            with(b -> withStatusIp(finalized(b), "127.100.7.2")), pool(p -> p.assign(KEY, "127.100.7.2")),
            "Ensure(addFinalizer=false, ip=127.100.7.2, statusChanged=false, announce=false)"),
        Arguments.of("after restart: re-adopts the status IP",
            with(b -> withStatusIp(finalized(b), "127.100.7.2")), empty(),
            "Ensure(addFinalizer=false, ip=127.100.7.2, statusChanged=false, announce=true)"),
        Arguments.of("status IP taken meanwhile: a free one",
            with(b -> withStatusIp(finalized(b), "127.100.7.2")), pool(p -> p.assign("default/other", "127.100.7.2")),
            "Ensure(addFinalizer=false, ip=127.100.7.1, statusChanged=true, announce=true)"),
        Arguments.of("spec.loadBalancerIP honoured",
            with(b -> finalized(b.setSpec(b.getSpec().toBuilder().setLoadBalancerIp("127.100.7.2")))), empty(),
            "Ensure(addFinalizer=false, ip=127.100.7.2, statusChanged=true, announce=true)"),
        Arguments.of("annotation honoured",
            with(b -> { finalized(b).getMetadataBuilder().putAnnotations(LoadBalancerPlanner.IPS_ANNOTATION, "127.100.7.2"); return b; }),
            empty(), "Ensure(addFinalizer=false, ip=127.100.7.2, statusChanged=true, announce=true)"),
        Arguments.of("requested IP taken: fails",
            with(b -> finalized(b.setSpec(b.getSpec().toBuilder().setLoadBalancerIp("127.100.7.2")))),
            pool(p -> p.assign("default/other", "127.100.7.2")),
            "Fail(addFinalizer=false, reason=requested IP 127.100.7.2 is already allocated to default/other)"),
        Arguments.of("requested IP outside the pool: fails",
            with(b -> b.setSpec(b.getSpec().toBuilder().setLoadBalancerIp("127.100.9.9"))), empty(),
            "Fail(addFinalizer=true, reason=requested IP 127.100.9.9 is not in pool 127.100.7.0/30)"),
        Arguments.of("pool exhausted: fails, finalizer still first",
            lb(), pool(p -> { p.assign("default/a", "127.100.7.1"); p.assign("default/b", "127.100.7.2"); }),
            "Fail(addFinalizer=true, reason=no free IP in pool 127.100.7.0/30)"),
        Arguments.of("deleted with finalizer: clean up",
            with(b -> { withStatusIp(finalized(b), "127.100.7.1").getMetadataBuilder().setDeletionTimestamp(Timestamp.newBuilder().setSeconds(1)); return b; }),
            pool(p -> p.assign(KEY, "127.100.7.1")), "Cleanup(clearStatus=true, removeFinalizer=true)"),
        Arguments.of("type changed to ClusterIP: clean up",
            with(b -> withStatusIp(finalized(b), "127.100.7.1").setSpec(b.getSpec().toBuilder().setType("ClusterIP"))),
            pool(p -> p.assign(KEY, "127.100.7.1")), "Cleanup(clearStatus=true, removeFinalizer=true)"),
        Arguments.of("no finalizer but an IP held: release it",
            with(b -> b.setSpec(b.getSpec().toBuilder().setType("NodePort"))),
            pool(p -> p.assign(KEY, "127.100.7.1")), "Cleanup(clearStatus=false, removeFinalizer=false)"),
        Arguments.of("deleted without finalizer or IP: nothing",
            with(b -> { b.getMetadataBuilder().setDeletionTimestamp(Timestamp.newBuilder().setSeconds(1)); return b; }),
            empty(), "Ignore()"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(String name, Service svc, Consumer<IpPool> setup, String expected) {
    IpPool p = IpPool.parse("127.100.7.0/30");
    setup.accept(p);
    assertThat(describe(LoadBalancerPlanner.plan(KEY, svc, p))).isEqualTo(expected);
  }

  static String describe(Plan plan) {
    if (plan instanceof Plan.Ensure e) {
      return "Ensure(addFinalizer=" + e.addFinalizer() + ", ip=" + e.ip() + ", statusChanged=" + e.statusChanged()
          + ", announce=" + e.announce() + ")";
    }
    if (plan instanceof Plan.Fail f) {
      return "Fail(addFinalizer=" + f.addFinalizer() + ", reason=" + f.reason() + ")";
    }
    return plan.toString().replace('[', '(').replace(']', ')');
  }

  @org.junit.jupiter.api.Test
  void failMessageIsKubernetesWording() {
    assertThat(new Plan.Fail(false, "no free IP in pool 127.100.0.0/24").eventMessage())
        .isEqualTo("Error syncing load balancer: failed to ensure load balancer: no free IP in pool 127.100.0.0/24");
  }

  @org.junit.jupiter.api.Test
  void statusCarriesIpModeAndPorts() {
    var st = LoadBalancerPlanner.desiredStatus(lb(), "127.100.7.1");
    assertThat(st.getIngress(0).getIp()).isEqualTo("127.100.7.1");
    assertThat(st.getIngress(0).getIpMode()).isEqualTo("VIP");
    assertThat(st.getIngress(0).getPortsList()).extracting(PortStatus::getPort, PortStatus::getProtocol)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(80, "TCP"));
  }
}
