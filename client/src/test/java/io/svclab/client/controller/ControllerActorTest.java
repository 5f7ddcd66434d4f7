package io.svclab.client.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.client.controller.ControllerCommand.CachesSynced;
import io.svclab.client.controller.ControllerCommand.Enqueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller actor with a real executor and a scripted reconciler. */
class ControllerActorTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Long> callTimes = new CopyOnWriteArrayList<>();

  @AfterAll
  static void shutdownKit() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void shutdownExecutor() {
    executor.shutdownNow();
  }

  private ActorRef<ControllerCommand> spawn(int workers, Reconciler reconciler) {
    ControllerOptions options = ControllerOptions.named("test").withWorkers(workers)
        .withBackoff(Duration.ofMillis(40), Duration.ofSeconds(5));
    return testKit.spawn(ControllerActor.create(key -> {
      calls.add(key);
      callTimes.add(System.nanoTime() / 1_000_000);
      return reconciler.reconcile(key);
    }, options, executor));
  }

  @Test
  void aBurstOfEventsForOneKeyReconcilesOnce() {
    ActorRef<ControllerCommand> actor = spawn(2, key -> Result.done());
    for (int i = 0; i < 50; i++) {
      actor.tell(new Enqueue("default/web"));
    }
    actor.tell(new CachesSynced());
    await().until(() -> calls.size() == 1);
    await().during(Duration.ofMillis(200)).until(() -> calls.size() == 1);
  }

  @Test
  void reAddedWhileProcessingRunsOnceMoreAndNeverConcurrently() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    ActorRef<ControllerCommand> actor = spawn(4, key -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        firstStarted.countDown();
        release.await(60, TimeUnit.SECONDS);
        return Result.done();
      } finally {
        running.decrementAndGet();
      }
    });
    actor.tell(new CachesSynced());
    actor.tell(new Enqueue("a"));
    assertThat(firstStarted.await(60, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 10; i++) {
      actor.tell(new Enqueue("a")); // arrives while "a" is being reconciled
    }
    Thread.sleep(100);
    assertThat(calls).hasSize(1);
    release.countDown();
    await().until(() -> calls.size() == 2);
    await().during(Duration.ofMillis(200)).until(() -> calls.size() == 2);
    assertThat(maxRunning.get()).isEqualTo(1);
  }

  @Test
  void failuresAreRetriedWithGrowingBackoffUntilSuccess() {
    AtomicInteger attempts = new AtomicInteger();
    ActorRef<ControllerCommand> actor = spawn(1, key -> {
      if (attempts.incrementAndGet() <= 3) {
        throw new IllegalStateException("apiserver said no");
      }
      return Result.done();
    });
    actor.tell(new CachesSynced());
    actor.tell(new Enqueue("a"));
    await().atMost(Duration.ofSeconds(60)).until(() -> calls.size() == 4);
    // lower bounds only: the backoff delay is the behaviour, and a slow machine only lengthens the gaps
    long gap1 = callTimes.get(1) - callTimes.get(0);
    long gap2 = callTimes.get(2) - callTimes.get(1);
    long gap3 = callTimes.get(3) - callTimes.get(2);
    assertThat(gap1).isGreaterThanOrEqualTo(35);  // 40 ms
    assertThat(gap2).isGreaterThanOrEqualTo(75);  // 80 ms
    assertThat(gap3).isGreaterThanOrEqualTo(155); // 160 ms
    await().during(Duration.ofMillis(300)).until(() -> calls.size() == 4);
  }

  @Test
  void workersBoundConcurrencyAcrossKeys() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    Map<String, Boolean> done = new ConcurrentHashMap<>();
    ActorRef<ControllerCommand> actor = spawn(2, key -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.sleep(30);
      running.decrementAndGet();
      done.put(key, true);
      return Result.done();
    });
    actor.tell(new CachesSynced());
    for (int i = 0; i < 8; i++) {
      actor.tell(new Enqueue("k" + i));
    }
    await().until(() -> done.size() == 8);
    assertThat(maxRunning.get()).isEqualTo(2);
  }

  @Test
  void requeueAfterReconcilesAgainAfterTheDelay() {
    AtomicInteger n = new AtomicInteger();
    ActorRef<ControllerCommand> actor = spawn(1,
        key -> n.incrementAndGet() == 1 ? Result.requeueAfter(Duration.ofMillis(150)) : Result.done());
    actor.tell(new CachesSynced());
    actor.tell(new Enqueue("a"));
    await().until(() -> calls.size() == 2);
    // a lower bound only: the requeue delay is the behaviour, and a slow machine only lengthens it
    assertThat(callTimes.get(1) - callTimes.get(0)).isGreaterThanOrEqualTo(145);
  }
}
