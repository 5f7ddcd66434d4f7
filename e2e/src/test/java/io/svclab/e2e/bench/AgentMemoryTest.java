package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentMemoryTest {
  static Stream<Arguments> perPod() {
    return Stream.of(
        Arguments.of("growth divided by the pods", new AgentMemory(20_000, 150_000, 120_000),
            new AgentMemory(30_000, 250_000, 220_000), 1000, new AgentMemory(10, 100, 100)),
        Arguments.of("no growth is zero, not negative noise", new AgentMemory(20_000, 150_000, 120_000),
            new AgentMemory(20_000, 150_000, 120_000), 500, new AgentMemory(0, 0, 0)),
        Arguments.of("no pods: no figure", new AgentMemory(1, 1, 1), new AgentMemory(2, 2, 2), 0,
            new AgentMemory(Double.NaN, Double.NaN, Double.NaN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("perPod")
  void perPodIsWithMinusWithoutOverPods(String name, AgentMemory without, AgentMemory with, long pods, AgentMemory expected) {
    assertThat(AgentMemory.perPod(without, with, pods)).isEqualTo(expected);
  }

  @Test
  void agentsAddUp() {
    assertThat(AgentMemory.sum(List.of(new AgentMemory(1, 10, 100), new AgentMemory(2, 20, 200))))
        .isEqualTo(new AgentMemory(3, 30, 300));
  }
}
