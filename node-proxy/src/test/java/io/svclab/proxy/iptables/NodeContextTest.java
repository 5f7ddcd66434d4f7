package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeContextTest {
  @ParameterizedTest(name = "bit {0} -> {1}")
  @CsvSource({"14, 0x00004000", "0, 0x00000001", "15, 0x00008000", "31, 0x80000000"})
  void markIsGosHashZeroEightX(int bit, String mark) {
    assertThat(NodeContext.markForBit(bit)).isEqualTo(mark);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 32})
  void aBitOutsideTheMarkIsRefused(int bit) {
    assertThatThrownBy(() -> NodeContext.markForBit(bit)).hasMessage("masquerade bit " + bit + " is not in 0..31");
  }
}
