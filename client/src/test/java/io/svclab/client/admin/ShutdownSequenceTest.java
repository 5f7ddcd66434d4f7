package io.svclab.client.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {
  @Test
  void closesInReverseOrderWithinTheBudgetEvenIfOneHangs() {
    List<String> closed = new CopyOnWriteArrayList<>();
    // a reserve generous enough for a loaded machine to start a thread: every closer has at least 2 s, the hung one about 6 s of the 10 s
    ShutdownSequence sequence = new ShutdownSequence(Duration.ofSeconds(10), Duration.ofSeconds(2));
    sequence.add("channel", () -> closed.add("channel"));
    sequence.add("informer", () -> closed.add("informer"));
    CountDownLatch stuckReleased = new CountDownLatch(1);
    sequence.add("stuck", () -> stuckReleased.await(60, TimeUnit.SECONDS));
    sequence.add("broken", () -> {
      throw new IllegalStateException("boom");
    });
    sequence.add("admin", () -> closed.add("admin"));

    List<String> failed = sequence.run();

    // run() came back while the stuck closer still waits for its latch: it gave up on it at the budget
    assertThat(stuckReleased.getCount()).isEqualTo(1);
    stuckReleased.countDown();
    assertThat(failed).containsExactly("broken", "stuck");
    assertThat(closed).containsExactly("admin", "informer", "channel");
    assertThat(sequence.run()).isEmpty(); // runs once
  }
}
