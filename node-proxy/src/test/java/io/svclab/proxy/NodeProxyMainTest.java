package io.svclab.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class NodeProxyMainTest {
  static Stream<Arguments> durations() {
    return Stream.of(Arguments.of("100ms", Duration.ofMillis(100)), Arguments.of("1s", Duration.ofSeconds(1)),
        Arguments.of("1m30s", Duration.ofSeconds(90)), Arguments.of("2h", Duration.ofHours(2)));
  }

  /** The duration flags read Go durations through the one converter (client's GoDuration). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void parsesGoDurations(String text, Duration expected) {
    NodeProxyMain main = new NodeProxyMain();
    new CommandLine(main).parseArgs("--sync-period", text, "--udp-idle-timeout", text, "--min-sync-period", text);
    assertThat(List.of(main.syncPeriod, main.udpIdleTimeout, main.minSyncPeriod)).containsOnly(expected);
  }

  @ParameterizedTest(name = "rejects {0}")
  @ValueSource(strings = {"100", "1sx"})
  void rejectsBadDurations(String text) {
    assertThatThrownBy(() -> new CommandLine(new NodeProxyMain()).parseArgs("--sync-period", text))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("time: invalid duration \"" + text + "\"");
  }

  @Test
  void defaultsMatchKubeProxy() {
    NodeProxyMain main = new NodeProxyMain();
    new CommandLine(main).parseArgs();
    assertThat(main.healthzPort).isEqualTo(10256);
    assertThat(main.metricsPort).isEqualTo(10249);
    assertThat(main.minSyncPeriod).isEqualTo(Duration.ofMillis(100));
    assertThat(main.mode).isEqualTo("userspace");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--mode", "--proxy-mode"})
  void takesKubeProxysFlagNameToo(String flag) {
    NodeProxyMain main = new NodeProxyMain();
    new CommandLine(main).parseArgs(flag, "nftables");
    assertThat(main.mode).isEqualTo("nftables");
  }

  @Test
  void rejectsAnUnknownModeInKubernetesWords() {
    NodeProxyMain main = new NodeProxyMain();
    CommandLine cli = new CommandLine(main);
    java.io.StringWriter err = new java.io.StringWriter();
    cli.setErr(new java.io.PrintWriter(err));
    assertThat(cli.execute("--proxy-mode", "ipvs")).isNotZero();
    assertThat(err.toString()).contains(
        "Unsupported value: \"ipvs\": supported values: \"iptables\", \"nftables\", \"userspace\"");
  }
}
