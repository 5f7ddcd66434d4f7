package io.svclab.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.apiserver.allocation.ClusterIpAllocator;
import io.svclab.apiserver.allocation.NodePortAllocator;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.apiserver.allocation.StoredRange;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.store.SqliteStorage;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.client.resource.ResourceKinds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes answered from their commit's callback ({@link Registry#createAsync}) over the SQLite
 * store, with the allocators' ranges in that same store: what the answer says is what was
 * stored, and a refused write gives its ClusterIP back through the store without the commit
 * waiting on itself.
 */
class AsyncWriteTest {
  private static final long CEILING_SECONDS = 60;  // a ceiling against a hang, not a measurement
  @TempDir Path dir;
  private SqliteStorage storage;
  private WatchCache watchCache;
  private ClusterIpAllocator ips;
  private Registry registry;

  @BeforeEach
  void start() {
    storage = new SqliteStorage(dir.resolve("state.db"), 1000, null);
    watchCache = new WatchCache(storage, 1000, Keys::kindOf, 600_000);
    ips = new ClusterIpAllocator("127.96.71.0/24", new Random(1),
        size -> new StoredRange(storage, Keys.SERVICE_IPS_RANGE, "127.96.71.0/24", size));
    NodePortAllocator ports = new NodePortAllocator(30000, 30100, new Random(1),
        size -> new StoredRange(storage, Keys.SERVICE_NODE_PORTS_RANGE, "30000-30100", size));
    registry = new Registry(storage, watchCache, new ServiceAllocator(ips, ports), Clock.systemUTC());
    registry.create(ResourceKinds.NAMESPACES, Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("default"))
        .build());
  }

  @AfterEach
  void stop() {
    watchCache.close();
    storage.close();
  }

  private static Service service(String name) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(ServiceSpec.newBuilder().putSelector("app", name)
            .addPorts(ServicePort.newBuilder().setProtocol("TCP").setPort(80)))
        .build();
  }

  private Service stored(String name) {
    return registry.get(ResourceKinds.SERVICES, "default", name);
  }

  @Test
  void aCreateRefusedByTheStoreGivesItsClusterIpBackThroughTheStore() throws Exception {
    registry.create(ResourceKinds.SERVICES, service("web"));

    CompletableFuture<Service> again = registry.createAsync(ResourceKinds.SERVICES, service("web"), false, null);

    assertThatThrownBy(() -> again.get(CEILING_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(ApiException.class)
        .hasMessage("services \"web\" already exists");
    assertThat(ips.used()).isEqualTo(1);
  }

  @Test
  void concurrentCreatesAreEachAnsweredWithTheObjectAsStored() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Service>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String name = "svc-" + i;
        answers.add(CompletableFuture.supplyAsync(
            () -> registry.createAsync(ResourceKinds.SERVICES, service(name), false, null), clients)
            .thenCompose(f -> f));
      }
      Set<String> versions = new HashSet<>();
      Set<String> clusterIps = new HashSet<>();
      for (CompletableFuture<Service> answer : answers) {
        Service created = answer.get(CEILING_SECONDS, TimeUnit.SECONDS);
        assertThat(created).isEqualTo(stored(created.getMetadata().getName()));
        versions.add(created.getMetadata().getResourceVersion());
        clusterIps.add(created.getSpec().getClusterIp());
      }
      assertThat(versions).hasSize(40);
      assertThat(clusterIps).hasSize(40);
      assertThat(ips.used()).isEqualTo(40);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void anUpdateIsAnsweredWithItsNewResourceVersion() throws Exception {
    Service created = registry.create(ResourceKinds.SERVICES, service("web"));
    Service changed = created.toBuilder().setMetadata(created.getMetadata().toBuilder().putLabels("tier", "front"))
        .build();

    Service updated = registry.updateAsync(ResourceKinds.SERVICES, changed, false, false, null)
        .get(CEILING_SECONDS, TimeUnit.SECONDS);

    assertThat(updated).isEqualTo(stored("web"));
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
  }
}
