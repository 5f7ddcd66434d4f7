package io.svclab.apiserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiServerLeasesTest {
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  static Lease lease(String holder, Instant renewed) {
    return Lease.newBuilder().setSpec(LeaseSpec.newBuilder().setHolderIdentity(holder).setLeaseDurationSeconds(15)
        .setRenewTime(Timestamp.newBuilder().setSeconds(renewed.getEpochSecond()))).build();
  }

  static EndpointSubset subset(int port, String... ips) {
    EndpointSubset.Builder b = EndpointSubset.newBuilder();
    Arrays.stream(ips).forEach(ip -> b.addAddresses(EndpointAddress.newBuilder().setIp(ip)));
    return b.addPorts(EndpointPort.newBuilder().setName("https").setPort(port).setProtocol("TCP")).build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("alone, before its Lease is stored", List.of(), Optional.of("127.0.0.1:6443"),
            List.of(subset(6443, "127.0.0.1"))),
        Arguments.of("two apiservers on one host: a subset per port", List.of(lease("127.0.0.1:6453", NOW)),
            Optional.of("127.0.0.1:6443"), List.of(subset(6443, "127.0.0.1"), subset(6453, "127.0.0.1"))),
        Arguments.of("its own Lease counts once", List.of(lease("127.0.0.1:6443", NOW), lease("127.0.0.1:6453", NOW)),
            Optional.of("127.0.0.1:6443"), List.of(subset(6443, "127.0.0.1"), subset(6453, "127.0.0.1"))),
        Arguments.of("hosts on one port share a subset, sorted", List.of(lease("10.0.0.9:6443", NOW), lease("10.0.0.2:6443", NOW)),
            Optional.empty(), List.of(subset(6443, "10.0.0.2", "10.0.0.9"))),
        Arguments.of("an expired Lease is dropped", List.of(lease("127.0.0.1:6453", NOW.minusSeconds(16))),
            Optional.of("127.0.0.1:6443"), List.of(subset(6443, "127.0.0.1"))),
        Arguments.of("a Lease at its last second still counts", List.of(lease("127.0.0.1:6453", NOW.minusSeconds(15))),
            Optional.of("127.0.0.1:6443"), List.of(subset(6443, "127.0.0.1"), subset(6453, "127.0.0.1"))),
        Arguments.of("stopping: its own address goes", List.of(lease("127.0.0.1:6453", NOW)), Optional.empty(),
            List.of(subset(6453, "127.0.0.1"))),
        Arguments.of("the last one stopping leaves no address", List.of(), Optional.empty(), List.of()),
        Arguments.of("a holder that is no address is ignored", List.of(lease("apiserver-7c1f", NOW)),
            Optional.of("127.0.0.1:6443"), List.of(subset(6443, "127.0.0.1"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publishesTheLiveApiservers(String name, List<Lease> leases, Optional<String> self, List<EndpointSubset> expected) {
    assertThat(ApiServerLeases.publish(leases, self, NOW)).isEqualTo(expected);
  }

  @Test
  void aRenewalKeepsTheLeaseAndMovesItsRenewTime() {
    Lease first = ApiServerLeases.renewed(Optional.empty(), "apiserver-x", "127.0.0.1", 6443, NOW);
    assertThat(first.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(first.getMetadata().getLabelsMap()).containsEntry("apiserver.kubernetes.io/identity", "kube-apiserver");
    assertThat(first.getSpec().getHolderIdentity()).isEqualTo("127.0.0.1:6443");
    Lease later = ApiServerLeases.renewed(Optional.of(first), "apiserver-x", "127.0.0.1", 6443, NOW.plusSeconds(10));
    assertThat(later.getSpec().getAcquireTime()).isEqualTo(first.getSpec().getAcquireTime());
    assertThat(later.getSpec().getRenewTime().getSeconds()).isEqualTo(NOW.plusSeconds(10).getEpochSecond());
  }

  @Test
  void eachPortOfAHostHasALeaseOfItsOwnAcrossRestarts() {
    assertThat(ApiServerLeases.leaseName("host", 6443)).isEqualTo(ApiServerLeases.leaseName("host", 6443))
        .isNotEqualTo(ApiServerLeases.leaseName("host", 6453)).matches("apiserver-[0-9a-f]{16}");
  }
}
