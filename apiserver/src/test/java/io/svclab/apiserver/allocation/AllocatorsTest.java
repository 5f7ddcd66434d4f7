package io.svclab.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.net.ip.Ipv4;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocatorsTest {
  @Test
  void clusterIpsComeFromTheUpperBandUntilItIsFull() throws Exception {
    ClusterIpAllocator a = new ClusterIpAllocator("127.96.0.0/28", new Random(1));
    // 14 usable, static band 16 -> whole range is "static": dynamic still works there
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 14; i++) {
      seen.add(a.allocateNext());
    }
    assertThat(seen).hasSize(14).doesNotContain("127.96.0.0", "127.96.0.15");
    assertThatThrownBy(a::allocateNext).hasMessage("range is full");
  }

  @Test
  void dynamicClusterIpsAvoidTheStaticBand() throws Exception {
    ClusterIpAllocator a = new ClusterIpAllocator("127.96.0.0/16", new Random(7));
    for (int i = 0; i < 200; i++) {
      long off = Ipv4.parse(a.allocateNext()) - Ipv4.parse("127.96.0.1");
      assertThat(off).isGreaterThanOrEqualTo(256);
    }
  }

  @Test
  void specificClusterIpErrorsUseKubernetesWording() throws Exception {
    ClusterIpAllocator a = new ClusterIpAllocator("127.96.0.0/16", new Random(1));
    a.allocate("127.96.0.10");
    assertThatThrownBy(() -> a.allocate("127.96.0.10")).hasMessage("provided IP is already allocated");
    assertThatThrownBy(() -> a.allocate("10.0.0.1")).hasMessage(
        "the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 127.96.0.0/16");
    a.release("127.96.0.10");
    a.allocate("127.96.0.10");
    assertThat(a.isAllocated("127.96.0.10")).isTrue();
  }

  @Test
  void nodePortsRespectRangeAndConflicts() throws Exception {
    NodePortAllocator p = new NodePortAllocator(30000, 32767, new Random(3));
    p.allocate(30080);
    assertThatThrownBy(() -> p.allocate(30080)).hasMessage("provided port is already allocated");
    assertThatThrownBy(() -> p.allocate(80)).hasMessage(
        "provided port is not in the valid range. The range of valid ports is 30000-32767");
    int next = p.allocateNext();
    assertThat(next).isBetween(30086, 32767).isNotEqualTo(30080);
  }

  @Test
  void nodePortRangeExhausts() throws Exception {
    NodePortAllocator p = new NodePortAllocator(31000, 31003, new Random(3));
    for (int i = 0; i < 4; i++) {
      p.allocateNext();
    }
    assertThatThrownBy(p::allocateNext).isInstanceOf(AllocationException.class).hasMessage("range is full");
  }
}
