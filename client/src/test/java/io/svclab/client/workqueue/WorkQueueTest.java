package io.svclab.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  @Test
  void blockingGetWakesForAddsAndDelayedAddsAndShutdown() throws Exception {
    WorkQueue<String> q = new WorkQueue<>();
    CompletableFuture<Optional<String>> waiting = CompletableFuture.supplyAsync(() -> get(q));
    q.add("a");
    assertThat(waiting.get(60, TimeUnit.SECONDS)).contains("a");

    long start = System.nanoTime();
    q.addAfter("b", Duration.ofMillis(100));
    assertThat(get(q)).contains("b");
    // a lower bound only: the delay is the behaviour, and a slow machine only lengthens it
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(95);

    q.addRateLimited("c");
    assertThat(q.numRequeues("c")).isEqualTo(1);
    assertThat(get(q)).contains("c");
    q.forget("c");
    assertThat(q.numRequeues("c")).isZero();

    CompletableFuture<Optional<String>> blocked = CompletableFuture.supplyAsync(() -> get(q));
    q.shutDown();
    assertThat(blocked.get(60, TimeUnit.SECONDS)).isEmpty();
  }

  private static Optional<String> get(WorkQueue<String> q) {
    try {
      return q.get();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
