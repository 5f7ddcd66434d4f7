package io.svclab.node.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowSizeTest {
  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of("kubectl's message", "{\"Width\":120,\"Height\":40}", Optional.of(new WindowSize(120, 40))),
        Arguments.of("spaces and order", "{ \"Height\" : 24, \"Width\" : 80 }", Optional.of(new WindowSize(80, 24))),
        Arguments.of("no height", "{\"Width\":80}", Optional.empty()),
        Arguments.of("not JSON", "garbage", Optional.empty()),
        Arguments.of("a number too long", "{\"Width\":12345678901,\"Height\":1}", Optional.empty()),
        Arguments.of("far too long a message", "{\"Width\":80,\"Height\":24," + " ".repeat(1000) + "}", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void parses(String name, String json, Optional<WindowSize> expected) {
    assertThat(WindowSize.parse(json)).isEqualTo(expected);
  }
}
