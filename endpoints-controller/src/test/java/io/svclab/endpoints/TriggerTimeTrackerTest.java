package io.svclab.endpoints;

import static io.svclab.endpoints.Fixtures.NOW;
import static io.svclab.endpoints.Fixtures.pod;
import static io.svclab.endpoints.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerTimeTrackerTest {
  static final Instant CREATED = NOW.minus(Duration.ofMinutes(10));

  static Timestamp ts(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  static Service svc() {
    Service s = service();
    return s.toBuilder().setMetadata(s.getMetadata().toBuilder().setCreationTimestamp(ts(CREATED))).build();
  }

  static Pod readyAt(String name, Instant t) {
    return pod(name, "10.244.1.5", true, p -> {
      p.getStatusBuilder().getConditionsBuilder(0).setLastTransitionTime(ts(t));
      return p;
    });
  }

  final TriggerTimeTracker tracker = new TriggerTimeTracker();

  @Test
  void firstSyncOfAServiceUsesItsCreationTime() {
    assertThat(tracker.compute(svc(), List.of(readyAt("a", NOW)))).contains(CREATED);
  }

  @Test
  void laterSyncsUseTheEarliestChangedPodTime() {
    tracker.compute(svc(), List.of(readyAt("a", NOW), readyAt("b", NOW)));
    Instant later = NOW.plusSeconds(5);
    assertThat(tracker.compute(svc(), List.of(readyAt("a", later.plusSeconds(3)), readyAt("b", later), readyAt("c", later.plusSeconds(1)))))
        .contains(later);
  }

  @Test
  void nothingDatableChangedGivesNoTime() {
    tracker.compute(svc(), List.of(readyAt("a", NOW), readyAt("b", NOW)));
    assertThat(tracker.compute(svc(), List.of(readyAt("a", NOW)))).isEmpty(); // b was deleted
  }

  @Test
  void podWithoutReadyConditionIsDatedByItsCreation() {
    Pod fresh = pod("a", "", false, p -> {
      p.getStatusBuilder().clearConditions();
      p.getMetadataBuilder().setCreationTimestamp(ts(NOW));
      return p;
    });
    tracker.compute(svc(), List.of());
    assertThat(tracker.compute(svc(), List.of(fresh))).contains(NOW);
  }

  @Test
  void forgottenServiceStartsOver() {
    tracker.compute(svc(), List.of(readyAt("a", NOW)));
    tracker.forget("default", "web");
    assertThat(tracker.compute(svc(), List.of(readyAt("a", NOW)))).contains(CREATED);
  }
}
