package io.svclab.net.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.net.ip.Ipv4;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressLeasesTest {
  /** 10.0.0.10 .. 10.0.0.13 */
  static AddressLeases leases(Consumer<AddressLeases> setup) {
    AddressLeases l = new AddressLeases(Ipv4.parse("10.0.0.10"), Ipv4.parse("10.0.0.13"));
    setup.accept(l);
    return l;
  }

  /** state, owner, address asked for, granted?, what the owner holds afterwards */
  static Stream<Arguments> assignments() {
    return Stream.of(
        arguments(named("free address", leases(l -> {})), "a", "10.0.0.11", true, "10.0.0.11"),
        arguments(named("first address", leases(l -> {})), "a", "10.0.0.10", true, "10.0.0.10"),
        arguments(named("last address", leases(l -> {})), "a", "10.0.0.13", true, "10.0.0.13"),
        arguments(named("below the range", leases(l -> {})), "a", "10.0.0.9", false, null),
        arguments(named("above the range", leases(l -> {})), "a", "10.0.0.14", false, null),
        arguments(named("not an address", leases(l -> {})), "a", "10.0.0.11.", false, null),
        arguments(named("someone else's", leases(l -> l.assign("b", "10.0.0.11"))), "a", "10.0.0.11", false, null),
        arguments(named("its own again", leases(l -> l.assign("a", "10.0.0.11"))), "a", "10.0.0.11", true, "10.0.0.11"),
        arguments(named("moving frees the old one", leases(l -> l.assign("a", "10.0.0.11"))), "a", "10.0.0.12", true, "10.0.0.12"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("assignments")
  void assigns(AddressLeases leases, String owner, String ip, boolean granted, String holds) {
    assertThat(leases.assign(owner, ip)).isEqualTo(granted);
    assertThat(leases.addressOf(owner)).isEqualTo(Optional.ofNullable(holds));
    if (granted) assertThat(leases.ownerOf(ip)).contains(owner);
    assertThat(leases.used()).isEqualTo((int) Stream.of("a", "b").filter(o -> leases.addressOf(o).isPresent()).count());
  }

  static Stream<Arguments> nextFree() {
    return Stream.of(
        arguments(named("empty: the first", leases(l -> {})), 0, "10.0.0.10"),
        arguments(named("after the cursor", leases(l -> {})), 2, "10.0.0.12"),
        arguments(named("skips held", leases(l -> l.assign("a", "10.0.0.10"))), 0, "10.0.0.11"),
        arguments(named("wraps", leases(l -> l.assign("a", "10.0.0.13"))), 3, "10.0.0.10"),
        arguments(named("full", leases(l -> {
          for (int i = 10; i <= 13; i++) l.assign("o" + i, "10.0.0." + i);
        })), 0, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nextFree")
  void nextFree(AddressLeases leases, int cursor, String expected) {
    assertThat(leases.nextFree(cursor)).isEqualTo(Optional.ofNullable(expected));
  }

  static Stream<Arguments> releases() {
    return Stream.of(
        arguments(named("holder", leases(l -> l.assign("a", "10.0.0.12"))), "a", "10.0.0.12"),
        arguments(named("holds nothing", leases(l -> l.assign("b", "10.0.0.12"))), "a", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void releases(AddressLeases leases, String owner, String freed) {
    assertThat(leases.release(owner)).isEqualTo(Optional.ofNullable(freed));
    assertThat(leases.addressOf(owner)).isEmpty();
    if (freed != null) assertThat(leases.ownerOf(freed)).isEmpty();
  }
}
