package io.svclab.client.informer;

import static io.svclab.client.testing.Objects.labeled;
import static io.svclab.client.testing.Objects.newService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.testing.FakeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The list + watch shell against a fake apiserver over a real socket. */
class InformerTest {
  private final FakeApiServer<Service> api = new FakeApiServer<>(ResourceKinds.SERVICES);
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private ManagedChannel channel;
  private Informer<Service> informer;

  @BeforeEach
  void start() throws Exception {
    int port = api.startTcp();
    channel = ApiChannels.forTarget("127.0.0.1:" + port);
    informer = new Informer<>(new ResourceClient<>(channel, ResourceKinds.SERVICES),
        InformerOptions.all().withPageSize(2).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));
    informer.addHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service s) { seen.add("add " + s.getMetadata().getName()); }

      @Override
      public void onUpdate(Service o, Service n) { seen.add("update " + n.getMetadata().getName()); }

      @Override
      public void onDelete(Service s) { seen.add("delete " + s.getMetadata().getName()); }
    });
  }

  @AfterEach
  void stop() {
    informer.stop();
    channel.shutdownNow();
    api.close();
  }

  private void syncWith(String... existing) throws InterruptedException {
    for (String name : existing) {
      api.create(newService("default", name));
    }
    informer.start();
    assertThat(informer.awaitSynced(Duration.ofSeconds(5))).isTrue();
    await().until(() -> api.watcherCount() == 1);
  }

  @Test
  void aTransformTrimsListedAndWatchedObjectsBeforeTheCacheAndHandlers() throws Exception {
    List<Service> delivered = new CopyOnWriteArrayList<>();
    informer.withTransform(s -> s.toBuilder().setMetadata(s.getMetadata().toBuilder().clearLabels()).build());
    informer.addHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service s) { delivered.add(s); }

      @Override
      public void onUpdate(Service o, Service n) { delivered.add(n); }

      @Override
      public void onDelete(Service s) { delivered.add(s); }
    });
    api.create(labeled(newService("default", "a"), "app", "web"));
    syncWith();
    api.update(labeled(api.get("default", "a"), "tier", "front"));
    api.create(labeled(newService("default", "b"), "app", "web"));
    await().until(() -> delivered.size() == 3);
    assertThat(delivered).allSatisfy(s -> assertThat(s.getMetadata().getLabelsMap()).isEmpty());
    assertThat(seen).containsExactly("add a", "update a", "add b");
    assertThat(informer.get("default", "a").orElseThrow().getMetadata().getLabelsMap()).isEmpty();
    assertThat(informer.byLabel("app", "web")).isEmpty();
    assertThat(api.get("default", "a").getMetadata().getLabelsMap()).containsKeys("app", "tier");
  }

  @Test
  void listsInPagesThenDeliversEachWatchedChangeOnce() throws Exception {
    syncWith("a", "b", "c");
    assertThat(api.listCalls).containsExactly("", "2"); // two pages of 2
    assertThat(seen).containsExactlyInAnyOrder("add a", "add b", "add c");

    api.update(labeled(api.get("default", "a"), "app", "web"));
    api.delete("default", "b");
    api.create(newService("other", "d"));
    await().until(() -> seen.size() == 6);
    assertThat(seen.subList(3, 6)).containsExactly("update a", "delete b", "add d");
    assertThat(informer.get("default", "a")).isPresent();
    assertThat(informer.byLabel("app", "web")).hasSize(1);
    assertThat(informer.byNamespace("other")).hasSize(1);
    assertThat(informer.list()).hasSize(3);
    assertThat(informer.lastResourceVersion()).isEqualTo(Long.toString(api.resourceVersion()));
  }

  @Test
  void resumesFromTheLastSeenVersionAfterADisconnectWithoutRelisting() throws Exception {
    syncWith("a");
    String before = informer.lastResourceVersion();
    api.breakWatches();
    api.create(newService("default", "b")); // happens while disconnected
    await().until(() -> seen.contains("add b"));
    assertThat(api.watchCalls).containsExactly(before, before);
    assertThat(api.listCalls).hasSize(1);
    assertThat(seen).containsExactly("add a", "add b");
  }

  @Test
  void relistsOnOutOfRangeAndDeliversOnlyTheDifference() throws Exception {
    syncWith("a", "b", "c");
    api.disconnectChangeAndCompact(() -> {
      api.update(labeled(api.get("default", "a"), "app", "web"));
      api.delete("default", "b");
      api.create(newService("default", "d"));
    });
    await().until(() -> seen.size() == 6);
    assertThat(seen.subList(3, 6)).containsExactlyInAnyOrder("update a", "delete b", "add d");
    await().during(Duration.ofMillis(200)).until(() -> seen.size() == 6);
    assertThat(api.listCalls.stream().filter(String::isEmpty).count()).isEqualTo(2);
  }

  @Test
  void bookmarksAdvanceTheResumeVersionWithoutEvents() throws Exception {
    syncWith("a");
    api.sendBookmark();
    await().until(() -> informer.lastResourceVersion().equals(Long.toString(api.resourceVersion())));
    assertThat(seen).containsExactly("add a");
  }

  @Test
  void lateHandlersAreToldAboutCachedObjectsFirst() throws Exception {
    syncWith("a", "b");
    List<String> late = new CopyOnWriteArrayList<>();
    informer.addHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service s) { late.add(s.getMetadata().getName()); }
    });
    assertThat(late).containsExactlyInAnyOrder("a", "b");
  }
}
