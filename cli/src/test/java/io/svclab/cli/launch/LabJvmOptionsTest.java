package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabJvmOptionsTest {
  static Stream<Arguments> heaps() {
    return Stream.of(
        Arguments.of(named("the apiserver holds every object", "apiserver"), "-Xmx512m"),
        Arguments.of(named("a node-agent, by its kind", "node-agent-2"), "-Xmx256m"),
        Arguments.of(named("a node-proxy is not a node-agent", "node-proxy-1"), "-Xmx128m"),
        Arguments.of(named("a controller", "endpoints-controller"), "-Xmx128m"),
        Arguments.of(named("a name ending in a number only loses the number", "dns-server"), "-Xmx128m"));
  }

  @ParameterizedTest
  @MethodSource("heaps")
  void capsTheHeapByKind(String component, String expected) {
    assertThat(LabJvmOptions.maxHeap(component)).isEqualTo(expected);
    assertThat(LabJvmOptions.forComponent(component, null)).contains(expected).containsAll(LabJvmOptions.COMMON);
  }

  @Test
  void extraOptionsComeLastSoTheyWin() {
    List<String> options = LabJvmOptions.forComponent("cloud-lb", "  -Xmx512m\t-XX:NativeMemoryTracking=summary ");
    assertThat(options.subList(options.size() - 2, options.size()))
        .containsExactly("-Xmx512m", "-XX:NativeMemoryTracking=summary");
    assertThat(options.indexOf("-Xmx128m")).isLessThan(options.indexOf("-Xmx512m"));
  }

  @Test
  void blankExtraAddsNothing() {
    assertThat(LabJvmOptions.forComponent("cloud-lb", " ")).isEqualTo(LabJvmOptions.forComponent("cloud-lb", null));
  }
}
