package io.svclab.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 5: resume replays exactly the missed events once, in order; too old gets OUT_OF_RANGE. */
class WatchResumeTest {
  @TempDir Path dir;

  static Service svc(String name) {
    return ApiServerApiTest.svc(name, null, 0);
  }

  @Test
  void resumedWatcherSeesEveryEventOnceInOrder() throws Exception {
    try (ApiServerProcess api = new ApiServerProcess(dir).start()) {
      ResourceClient<Service> services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
      long start = Long.parseLong(services.kind().listMeta(services.list(
          io.svclab.api.v1.ListRequest.newBuilder().setNamespace("default").build())).getResourceVersion());
      List<Long> written = new ArrayList<>();
      WatchCollector<Service> first = new WatchCollector<>(services)
          .start(WatchRequest.newBuilder().setNamespace("default").setResourceVersion(Long.toString(start)).build());
      for (int i = 0; i < 20; i++) {
        written.add(Long.parseLong(services.create(svc("w-" + i)).getMetadata().getResourceVersion()));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> first.nonBookmarks().size() >= 10);
      first.cancel();
      long lastSeen = first.nonBookmarks().get(first.nonBookmarks().size() - 1).resourceVersion();
      for (int i = 0; i < 20; i++) {
        Service s = services.get("default", "w-" + i);
        written.add(Long.parseLong(services.update(s.toBuilder().setMetadata(s.getMetadata().toBuilder()
            .putLabels("round", "2")).build()).getMetadata().getResourceVersion()));
      }
      for (int i = 0; i < 5; i++) {
        written.add(Long.parseLong(services.delete("default", "w-" + i).getMetadata().getResourceVersion()));
      }
      WatchCollector<Service> resumed = new WatchCollector<>(services)
          .start(WatchRequest.newBuilder().setNamespace("default").setResourceVersion(Long.toString(lastSeen)).build());
      List<Long> expected = written.stream().filter(rv -> rv > lastSeen).toList();
      await().atMost(Duration.ofSeconds(60)).until(() -> resumed.nonBookmarks().size() >= expected.size());
      Thread.sleep(300);  // nothing more may arrive
      resumed.cancel();
      List<Long> both = new ArrayList<>(first.nonBookmarks().stream().map(WatchCollector.Seen::resourceVersion).toList());
      both.addAll(resumed.nonBookmarks().stream().map(WatchCollector.Seen::resourceVersion).toList());
      assertThat(resumed.nonBookmarks()).extracting(WatchCollector.Seen::resourceVersion).containsExactlyElementsOf(expected);
      assertThat(both).containsExactlyElementsOf(written).doesNotHaveDuplicates();
      assertThat(resumed.nonBookmarks().subList(resumed.nonBookmarks().size() - 5, resumed.nonBookmarks().size()))
          .extracting(WatchCollector.Seen::type).containsOnly(EventType.DELETED);
    }
  }

  @Test
  void versionOlderThanTheWindowIsOutOfRange() throws Exception {
    try (ApiServerProcess api = new ApiServerProcess(dir, "--watch-cache-size", "100").start()) {
      ResourceClient<Service> services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
      for (int i = 0; i < 150; i++) {
        services.create(svc("old-" + i));
      }
      WatchCollector<Service> stale = new WatchCollector<>(services)
          .start(WatchRequest.newBuilder().setResourceVersion("3").build());
      Status status = stale.ended.get(5, TimeUnit.SECONDS);
      assertThat(status.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
      assertThat(status.getDescription()).startsWith("too old resource version: 3 (");
    }
  }

  @Test
  void watchFromZeroStartsWithCurrentStateThenFollows() throws Exception {
    try (ApiServerProcess api = new ApiServerProcess(dir).start()) {
      ResourceClient<Service> services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
      Service initial = svc("existing");
      services.create(initial.toBuilder().setMetadata(initial.getMetadata().toBuilder().putLabels("app", "existing")).build());
      WatchCollector<Service> w = new WatchCollector<>(services)
          .start(WatchRequest.newBuilder().setNamespace("default").setResourceVersion("0").setLabelSelector("app=existing").build());
      await().atMost(Duration.ofSeconds(60)).until(() -> w.nonBookmarks().size() == 1);
      Service s = services.get("default", "existing");
      // leaving the selector is a DELETED for this watcher
      services.update(s.toBuilder().setSpec(s.getSpec().toBuilder().putSelector("x", "y")).setMetadata(
          s.getMetadata().toBuilder().clearLabels().putLabels("app", "moved")).build());
      await().atMost(Duration.ofSeconds(60)).until(() -> w.nonBookmarks().size() == 2);
      w.cancel();
      assertThat(w.nonBookmarks()).extracting(WatchCollector.Seen::type).containsExactly(EventType.ADDED, EventType.DELETED);
    }
  }
}
