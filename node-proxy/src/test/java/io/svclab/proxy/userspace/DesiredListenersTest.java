package io.svclab.proxy.userspace;

import static io.svclab.proxy.snapshot.Fixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredListenersTest {
  static ServicePortInfo lb(String name, String protocol, boolean etpLocal) {
    return new ServicePortInfo(new ServicePortName("default", name, "", protocol), "127.96.0.30", 80, protocol, 30080,
        List.of("127.0.50.1"), List.of("127.100.0.1"), etpLocal, false, 0, null,
        List.of(ep("127.244.1.2", "rsl"), ep("127.244.2.2", "rs")));
  }

  @Test
  void everyAddressOfAServicePortGetsAListenerWithItsPolicy() {
    Map<ListenKey, Route> desired = UserspaceProxier.desiredListeners(
        new ProxySnapshot(List.of(lb("web", "TCP", true)), Map.of(), List.of()), List.of("127.0.10.1"));
    assertThat(desired.keySet()).containsExactly(new ListenKey("127.96.0.30", 80, "TCP"),
        new ListenKey("127.0.10.1", 30080, "TCP"), new ListenKey("127.0.50.1", 80, "TCP"),
        new ListenKey("127.100.0.1", 80, "TCP"));
    assertThat(desired.get(new ListenKey("127.96.0.30", 80, "TCP")).candidates()).hasSize(2);
    assertThat(desired.get(new ListenKey("127.0.10.1", 30080, "TCP")).candidates()).hasSize(1);
    assertThat(desired.get(new ListenKey("127.100.0.1", 80, "TCP")).existing())
        .containsExactlyInAnyOrder("127.244.1.2:8080", "127.244.2.2:8080");
  }

  @Test
  void tcpAndUdpOnTheSamePortAreDistinctAndTheFirstClaimWins() {
    Map<ListenKey, Route> desired = UserspaceProxier.desiredListeners(new ProxySnapshot(
        List.of(lb("a", "TCP", false), lb("b", "UDP", false), lb("c", "TCP", false)), Map.of(), List.of()),
        List.of("127.0.10.1"));
    assertThat(desired).hasSize(8);
    assertThat(desired.get(new ListenKey("127.96.0.30", 80, "TCP")).service()).isEqualTo("default/a");
    assertThat(desired.get(new ListenKey("127.96.0.30", 80, "UDP")).service()).isEqualTo("default/b");
  }

  static ServicePortInfo withoutEndpoints(String protocol) {
    return new ServicePortInfo(new ServicePortName("default", "empty", "", protocol), "127.96.0.31", 80, protocol, 30081,
        List.of(), List.of(), false, false, 0, null, List.of());
  }

  @Test
  void aTcpPortWithoutEndpointsIsNotListenedOnSoConnectsAreRefused() {
    Map<ListenKey, Route> desired = UserspaceProxier.desiredListeners(new ProxySnapshot(
        List.of(withoutEndpoints("TCP"), withoutEndpoints("UDP")), Map.of(), List.of()), List.of("127.0.10.1"));
    assertThat(desired.keySet()).containsExactly(new ListenKey("127.96.0.31", 80, "UDP"),
        new ListenKey("127.0.10.1", 30081, "UDP"));
  }
}
