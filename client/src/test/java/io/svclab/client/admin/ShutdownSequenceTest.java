package io.svclab.client.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {
  @Test
  void closesInReverseOrderWithinTheBudgetEvenIfOneHangs() {
    List<String> closed = new CopyOnWriteArrayList<>();
    ShutdownSequence sequence = new ShutdownSequence(Duration.ofMillis(500));
    sequence.add("channel", () -> closed.add("channel"));
    sequence.add("informer", () -> closed.add("informer"));
    sequence.add("stuck", () -> Thread.sleep(10_000));
    sequence.add("broken", () -> {
      throw new IllegalStateException("boom");
    });
    sequence.add("admin", () -> closed.add("admin"));

    long start = System.nanoTime();
    List<String> failed = sequence.run();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isLessThan(1_000);
    assertThat(failed).containsExactly("broken", "stuck");
    assertThat(closed).containsExactly("admin", "informer", "channel");
    assertThat(sequence.run()).isEmpty(); // runs once
  }
}
