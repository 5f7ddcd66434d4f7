package io.svclab.proxy.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncRunnerTest {
  @Test
  void burstOfRequestsIsBatchedAndAtMostTwoSyncsStartWithinAnyMinInterval() throws Exception {
    List<Long> starts = new CopyOnWriteArrayList<>();
    try (SyncRunner runner = new SyncRunner(Duration.ofMillis(200), Duration.ofMinutes(1),
        () -> starts.add(System.nanoTime()), Clock.systemUTC()).start()) {
      for (int i = 0; i < 50; i++) {
        runner.request();
        Thread.sleep(4);
      }
      await().atMost(Duration.ofSeconds(2)).until(() -> runner.pendingSince() == null && runner.lastSuccess() != null);
      Thread.sleep(300);
      // 50 requests over ~200 ms: the burst of two, then about one per 200 ms
      assertThat(starts.size()).isBetween(2, 4);
      for (int i = 2; i < starts.size(); i++) {
        assertThat((starts.get(i) - starts.get(i - 2)) / 1_000_000).isGreaterThanOrEqualTo(195);
      }
    }
  }

  @Test
  void aFailedSyncIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    try (SyncRunner runner = new SyncRunner(Duration.ofMillis(10), Duration.ofMinutes(1), () -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("bind failed");
    }, Clock.systemUTC()).start()) {
      runner.request();
      await().atMost(Duration.ofSeconds(2)).until(() -> calls.get() >= 2 && runner.lastSuccess() != null);
    }
  }

  @Test
  void periodicSyncRunsWithoutRequests() {
    AtomicInteger calls = new AtomicInteger();
    try (SyncRunner runner = new SyncRunner(Duration.ofMillis(10), Duration.ofMillis(100), calls::incrementAndGet,
        Clock.systemUTC()).start()) {
      await().atMost(Duration.ofSeconds(2)).until(() -> calls.get() >= 2);
    }
  }
}
