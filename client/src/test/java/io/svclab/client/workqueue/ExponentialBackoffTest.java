package io.svclab.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExponentialBackoffTest {
  @ParameterizedTest(name = "failure #{0} waits {1} ms")
  @CsvSource({
      "1, 5", "2, 10", "3, 20", "4, 40", "10, 2560", "18, 655360",
      "19, 1000000", "20, 1000000", "100, 1000000",
  })
  void doublesFromFiveMillisecondsUpToTheCap(int failure, long expectedMillis) {
    ExponentialBackoff<String> backoff = new ExponentialBackoff<>();
    Duration last = null;
    for (int i = 0; i < failure; i++) {
      last = backoff.when("k");
    }
    assertThat(last).isEqualTo(Duration.ofMillis(expectedMillis));
    assertThat(backoff.numRequeues("k")).isEqualTo(failure);
  }

  @Test
  void forgetStartsOverAndKeysAreIndependent() {
    ExponentialBackoff<String> backoff = new ExponentialBackoff<>();
    backoff.when("a");
    backoff.when("a");
    assertThat(backoff.when("b")).isEqualTo(Duration.ofMillis(5));
    backoff.forget("a");
    assertThat(backoff.numRequeues("a")).isZero();
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(5));
  }
}
