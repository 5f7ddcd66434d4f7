package io.svclab.endpoints.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.informer.ObjectEvent;
import io.svclab.endpoints.WellKnownKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceExpectationsTest {
  static final String WEB = "default/web";

  static EndpointSlice slice(String name, String rv) {
    return EndpointSlice.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(name)
        .setResourceVersion(rv).putLabels(WellKnownKeys.LABEL_SERVICE_NAME, "web")).build();
  }

  final SliceExpectations expectations = new SliceExpectations(Duration.ofSeconds(30));

  @Test
  void aCreateIsPendingUntilTheCacheHasIt() {
    expectations.wrote(slice("web-a", "10"), 0);
    assertThat(expectations.pending(WEB, List.of(), 1)).isTrue();
    assertThat(expectations.pending(WEB, List.of(slice("web-a", "10")), 2)).isFalse();
  }

  @Test
  void anEchoArrivingBeforeTheCreateReturnedStillCounts() {
    assertThat(expectations.observe(ObjectEvent.add(slice("web-a", "10")))).as("untracked yet: news").isTrue();
    expectations.wrote(slice("web-a", "10"), 0);
    assertThat(expectations.pending(WEB, List.of(slice("web-a", "10")), 1)).isFalse();
  }

  @Test
  void anOlderVersionKeepsWaitingAndANewerOneIsNews() {
    expectations.wrote(slice("web-a", "10"), 0);
    assertThat(expectations.pending(WEB, List.of(slice("web-a", "9")), 1)).isTrue();
    assertThat(expectations.observe(ObjectEvent.update(slice("web-a", "8"), slice("web-a", "9")))).isFalse();
    assertThat(expectations.observe(ObjectEvent.update(slice("web-a", "9"), slice("web-a", "10")))).as("own echo").isFalse();
    expectations.wrote(slice("web-a", "10"), 0);
    assertThat(expectations.observe(ObjectEvent.update(slice("web-a", "9"), slice("web-a", "12")))).isTrue();
  }

  @Test
  void aDeleteIsPendingUntilTheSliceLeavesTheCache() {
    expectations.deleted(slice("web-a", "10"), 0);
    assertThat(expectations.pending(WEB, List.of(slice("web-a", "10")), 1)).isTrue();
    assertThat(expectations.observe(ObjectEvent.delete(slice("web-a", "10")))).as("own echo").isFalse();
    assertThat(expectations.pending(WEB, List.of(), 2)).isFalse();
  }

  @Test
  void someoneElsesDeleteOfOurWriteIsNews() {
    expectations.wrote(slice("web-a", "10"), 0);
    assertThat(expectations.observe(ObjectEvent.delete(slice("web-a", "10")))).isTrue();
    assertThat(expectations.pending(WEB, List.of(), 1)).isFalse();
  }

  @Test
  void expectationsExpire() {
    expectations.wrote(slice("web-a", "10"), 0);
    assertThat(expectations.pending(WEB, List.of(), 29_999)).isTrue();
    assertThat(expectations.pending(WEB, List.of(), 30_000)).isFalse();
  }
}
