package io.svclab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class DnsServerMainTest {
  static Stream<Arguments> idleTimeouts() {
    return Stream.of(
        arguments(named("minutes (rejected before the shared GoDuration)", "1m"), Duration.ofMinutes(1)),
        arguments(named("seconds", "10s"), Duration.ofSeconds(10)),
        arguments(named("milliseconds", "250ms"), Duration.ofMillis(250)),
        arguments(named("minutes and seconds", "1m30s"), Duration.ofSeconds(90)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idleTimeouts")
  void tcpIdleTimeoutIsAGoDuration(String text, Duration expected) {
    DnsServerMain main = new DnsServerMain();
    new CommandLine(main).parseArgs("--tcp-idle-timeout", text);
    assertThat(main.tcpIdle).isEqualTo(expected);
  }

  @Test
  void defaultIsTenSeconds() {
    DnsServerMain main = new DnsServerMain();
    new CommandLine(main).parseArgs();
    assertThat(main.tcpIdle).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aBareNumberIsRejectedWithGoWording() {
    assertThatThrownBy(() -> new CommandLine(new DnsServerMain()).parseArgs("--tcp-idle-timeout", "10"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("time: invalid duration \"10\"");
  }
}
