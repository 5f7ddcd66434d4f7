package io.svclab.proxy.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServiceSpec;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeTrackerTest {
  static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

  static EndpointSlice slice(String trigger) {
    return EndpointSlice.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("s")
        .putAnnotations(TriggerTimes.ANNOTATION, trigger)).build();
  }

  @Test
  void recordsTriggerTimesAfterStartOnlyAndDrainsThem() {
    AtomicInteger requests = new AtomicInteger();
    ChangeTracker tracker = new ChangeTracker(requests::incrementAndGet, START);
    tracker.slices().onAdd(slice("2026-11-23T11:00:00Z")); // from the initial list: old news
    tracker.slices().onUpdate(slice("2026-11-23T11:00:00Z"), slice("2026-11-23T12:00:01.5Z"));
    assertThat(requests).hasValue(2);
    assertThat(tracker.drainTriggers()).containsExactly(Instant.parse("2026-11-23T12:00:01.5Z"));
    assertThat(tracker.drainTriggers()).isEmpty();
  }

  @Test
  void serviceMetadataOnlyUpdatesDoNotSync() {
    AtomicInteger requests = new AtomicInteger();
    ChangeTracker tracker = new ChangeTracker(requests::incrementAndGet, START);
    Service a = Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web").setResourceVersion("1"))
        .setSpec(ServiceSpec.newBuilder().setClusterIp("127.96.0.5")).build();
    Service b = a.toBuilder().setMetadata(a.getMetadata().toBuilder().setResourceVersion("2").putLabels("x", "y")).build();
    tracker.services().onUpdate(a, b);
    assertThat(requests).hasValue(0);
    tracker.services().onUpdate(b, b.toBuilder().setSpec(b.getSpec().toBuilder().setSessionAffinity("ClientIP")).build());
    assertThat(requests).hasValue(1);
  }
}
