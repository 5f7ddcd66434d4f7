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
      long loopStart = System.nanoTime();
      long lastRequest = loopStart;
      for (int i = 0; i < 50; i++) {
        lastRequest = System.nanoTime(); // before the request: a sync serving it starts after this
        runner.request();
        Thread.sleep(4);
      }
      long requestedBefore = lastRequest;
      await().atMost(Duration.ofSeconds(60)).until(() -> runner.pendingSince() == null && runner.lastSuccess() != null
          && starts.get(starts.size() - 1) >= requestedBefore);
      // Lower bounds only (the rate limit is the behaviour; a slow machine only spreads syncs further):
      // kube-proxy's burst of two, then one per min interval, so any three starts span >= 200 ms...
      for (int i = 2; i < starts.size(); i++) {
        assertThat((starts.get(i) - starts.get(i - 2)) / 1_000_000).isGreaterThanOrEqualTo(195);
      }
      // ...which batches: however long the 50 requests took, they got at most burst + one per interval
      // (+1 for the one after the last request, +1 for the runner starting just before the loop), and the last
      // request was served by a sync that started after it.
      long loopMillis = (lastRequest - loopStart) / 1_000_000;
      assertThat(starts.size()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo((int) (4 + loopMillis / 200));
    }
  }

  @Test
  void aFailedSyncIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    try (SyncRunner runner = new SyncRunner(Duration.ofMillis(10), Duration.ofMinutes(1), () -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("bind failed");
    }, Clock.systemUTC()).start()) {
      runner.request();
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() >= 2 && runner.lastSuccess() != null);
    }
  }

  @Test
  void periodicSyncRunsWithoutRequests() {
    AtomicInteger calls = new AtomicInteger();
    try (SyncRunner runner = new SyncRunner(Duration.ofMillis(10), Duration.ofMillis(100), calls::incrementAndGet,
        Clock.systemUTC()).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() >= 2);
    }
  }
}
