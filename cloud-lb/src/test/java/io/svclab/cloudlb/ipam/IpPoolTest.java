package io.svclab.cloudlb.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.net.ip.Ipv4Prefix;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpPoolTest {
  static Stream<Arguments> pools() {
    return Stream.of(
        Arguments.of("/24 leaves out network and broadcast", "127.100.0.0/24", 254, "127.100.0.1", "127.100.0.254"),
        Arguments.of("/30 has two usable addresses", "127.100.7.0/30", 2, "127.100.7.1", "127.100.7.2"),
        Arguments.of("/32 is the one address", "127.100.0.9/32", 1, "127.100.0.9", "127.100.0.9"),
        Arguments.of("an inclusive range", "127.100.0.10-127.100.0.12", 3, "127.100.0.10", "127.100.0.12"),
        Arguments.of("host bits in a CIDR are masked", "127.100.0.77/24", 254, "127.100.0.1", "127.100.0.254"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pools")
  void capacityAndBounds(String name, String spec, long capacity, String first, String last) {
    IpPool pool = IpPool.parse(spec);
    assertThat(pool.capacity()).isEqualTo(capacity);
    assertThat(pool.firstFree()).contains(first);
    assertThat(pool.contains(first)).isTrue();
    assertThat(pool.contains(last)).isTrue();
    assertThat(pool.contains("127.99.0.1")).isFalse();
    assertThat(pool.contains("not-an-ip")).isFalse();
  }

  record Step(String op, String owner, String ip) {}

  static Stream<Arguments> histories() {
    return Stream.of(
        Arguments.of("lowest free first", List.of(new Step("take", "a", null), new Step("take", "b", null)),
            List.of("a=127.100.7.1", "b=127.100.7.2"), Optional.empty()),
        Arguments.of("exhausted after two", List.of(new Step("take", "a", null), new Step("take", "b", null)),
            List.of("a=127.100.7.1", "b=127.100.7.2"), Optional.empty()),
        Arguments.of("a released address is reused",
            List.of(new Step("take", "a", null), new Step("take", "b", null), new Step("release", "a", null),
                new Step("take", "c", null)),
            List.of("b=127.100.7.2", "c=127.100.7.1"), Optional.empty()),
        Arguments.of("assigning a new address frees the old one",
            List.of(new Step("take", "a", null), new Step("assign", "a", "127.100.7.2")),
            List.of("a=127.100.7.2"), Optional.of("127.100.7.1")),
        Arguments.of("clear forgets everything",
            List.of(new Step("take", "a", null), new Step("take", "b", null), new Step("clear", null, null)),
            List.of(), Optional.of("127.100.7.1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void histories(String name, List<Step> steps, List<String> owned, Optional<String> free) {
    IpPool pool = IpPool.parse("127.100.7.0/30");
    for (Step s : steps) {
      switch (s.op()) {
        case "take" -> pool.assign(s.owner(), pool.firstFree().orElseThrow());
        case "assign" -> pool.assign(s.owner(), s.ip());
        case "release" -> pool.release(s.owner());
        case "clear" -> pool.clear();
        default -> throw new IllegalArgumentException(s.op());
      }
    }
    for (String o : owned) {
      String[] kv = o.split("=");
      assertThat(pool.ipOf(kv[0])).contains(kv[1]);
      assertThat(pool.ownerOf(kv[1])).contains(kv[0]);
    }
    assertThat(pool.allocated()).isEqualTo(owned.size());
    assertThat(pool.firstFree()).isEqualTo(free);
  }

  @Test
  void anAddressOfAnotherOwnerCannotBeAssigned() {
    IpPool pool = IpPool.parse("127.100.7.0/30");
    pool.assign("a", "127.100.7.1");
    assertThat(pool.available("127.100.7.1", "b")).isFalse();
    assertThat(pool.available("127.100.7.1", "a")).isTrue();
    assertThatThrownBy(() -> pool.assign("b", "127.100.7.1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pool.assign("b", "127.100.8.1")).isInstanceOf(IllegalStateException.class);
  }

  static Stream<Arguments> cidrs() {
    return Stream.of(
        Arguments.of("inside a /8", "127.0.0.0/8", "127.0.10.1", true),
        Arguments.of("outside a /24", "127.0.10.0/24", "127.0.11.1", false),
        Arguments.of("a bare address is a /32", "127.0.0.1", "127.0.0.1", true),
        Arguments.of("0.0.0.0/0 holds everything", "0.0.0.0/0", "10.1.2.3", true),
        Arguments.of("garbage is not contained", "127.0.0.0/8", "nope", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cidrs")
  void cidrContains(String name, String cidr, String ip, boolean inside) {
    assertThat(Ipv4Prefix.parse(cidr).contains(ip)).isEqualTo(inside);
  }
}
