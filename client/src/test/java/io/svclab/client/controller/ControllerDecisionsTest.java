package io.svclab.client.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.client.controller.ControllerAction.ScheduleRetry;
import io.svclab.client.controller.ControllerAction.StartReconcile;
import io.svclab.client.workqueue.ExponentialBackoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scripts of controller inputs and the actions they must produce, all rendered as
 * "start k" / "retry k 5ms". Back-off base 5 ms, cap 1 s.
 * Inputs: sync, enq k, later k ms (EnqueueAfter), due k (timer fired), ok k, fail k,
 * again k (Requeue), in k ms (RequeueAfter).
 */
class ControllerDecisionsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "nothing starts before caches sync                 | 1 | enq a; enq b                          | ''",
      "sync starts the queued keys                       | 2 | enq a; enq b; sync                    | start a, start b",
      "a burst before sync reconciles once               | 1 | enq a; enq a; enq a; sync             | start a",
      "workers bound the running reconciles              | 1 | sync; enq a; enq b; ok a              | start a, start b",
      "re-enqueued while running: runs again after       | 2 | sync; enq a; enq a; enq a; ok a; ok a | start a, start a",
      "failure schedules a retry with back-off           | 1 | sync; enq a; fail a                   | start a, retry a 5ms",
      "back-off doubles per failure                      | 1 | sync; enq a; fail a; due a; fail a    | start a, retry a 5ms, start a, retry a 10ms",
      "success forgets the back-off                      | 1 | sync; enq a; fail a; due a; ok a; enq a; fail a | start a, retry a 5ms, start a, start a, retry a 5ms",
      "requeue without error also backs off              | 1 | sync; enq a; again a                  | start a, retry a 5ms",
      "requeue-after schedules exactly that delay        | 1 | sync; enq a; in a 300                 | start a, retry a 300ms",
      "enqueue-after waits for the timer                 | 1 | sync; later a 50; due a               | retry a 50ms, start a",
      "a later enqueue-after does not postpone           | 1 | sync; later a 50; later a 80          | retry a 50ms",
      "an earlier enqueue-after reschedules              | 1 | sync; later a 80; later a 50          | retry a 80ms, retry a 50ms",
      "a timer for a key not waiting does nothing        | 1 | sync; due a                           | ''",
      "failing key does not block others                 | 1 | sync; enq a; enq b; fail a            | start a, retry a 5ms, start b",
  })
  void script(String name, int workers, String inputs, String expected) {
    ControllerDecisions d = new ControllerDecisions(workers,
        new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1)));
    List<ControllerAction> actions = new ArrayList<>();
    for (String input : inputs.split(";")) {
      String[] w = input.trim().split(" ");
      actions.addAll(switch (w[0]) {
        case "sync" -> d.cachesSynced();
        case "enq" -> d.enqueue(w[1]);
        case "later" -> d.enqueueAfter(w[1], Duration.ofMillis(Long.parseLong(w[2])), 0);
        case "due" -> d.retryDue(w[1]);
        case "ok" -> d.finished(w[1], Result.done(), 0);
        case "fail" -> d.finished(w[1], Result.error(new RuntimeException("boom")), 0);
        case "again" -> d.finished(w[1], Result.requeue(), 0);
        case "in" -> d.finished(w[1], Result.requeueAfter(Duration.ofMillis(Long.parseLong(w[2]))), 0);
        default -> throw new IllegalArgumentException(input);
      });
    }
    assertThat(String.join(", ", actions.stream().map(ControllerDecisionsTest::render).toList())).isEqualTo(expected);
  }

  private static String render(ControllerAction a) {
    if (a instanceof StartReconcile s) {
      return "start " + s.key();
    }
    ScheduleRetry r = (ScheduleRetry) a;
    return "retry " + r.key() + " " + r.delay().toMillis() + "ms";
  }
}
