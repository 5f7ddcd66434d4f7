package io.svclab.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.dns.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services and endpoints with the same ports share one list; records stay equal to unshared ones. */
class PortListsTest {
  @Test
  void equalPortListsAreOneList() {
    ServiceRecord a = ClusterRecords.toRecord(Fixtures.service("ns", "a", "10.0.0.1", "http/TCP/80"), List.of());
    ServiceRecord b = ClusterRecords.toRecord(Fixtures.service("ns", "b", "10.0.0.2", "http/TCP/80"), List.of());
    assertThat(a.ports()).isSameAs(b.ports()).containsExactly(new PortRecord("http", "tcp", 80));
    ServiceRecord h = ClusterRecords.toRecord(Fixtures.service("ns", "h", "None", "http/TCP/80"),
        List.of(Fixtures.slice("ns", "h", "h-1", "IPv4", List.of("10.1.0.1", "10.1.0.2"), "web/TCP/8080")));
    assertThat(h.endpoints().get(0).ports()).isSameAs(h.endpoints().get(1).ports());
  }

  @Test
  void sharingIsBounded() {
    for (int i = 0; i < PortLists.MAX + 10; i++) {
      PortLists.shared(List.of(new PortRecord("p", "tcp", 10_000 + i)));
    }
    List<PortRecord> late = List.of(new PortRecord("late", "udp", 1));
    assertThat(PortLists.shared(late)).isEqualTo(late);
  }
}
