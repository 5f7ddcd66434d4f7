package io.svclab.apiserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EndpointsObject;
import io.svclab.apiserver.allocation.ClusterIpAllocator;
import io.svclab.apiserver.allocation.NodePortAllocator;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.apiserver.registry.Keys;
import io.svclab.apiserver.registry.Registry;
import io.svclab.apiserver.store.SqliteStorage;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.client.resource.ResourceKinds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** default/kubernetes's Endpoints publish the advertise address of the current start, on a new or a kept store. */
class BootstrapTest {
  @TempDir Path dir;
  private SqliteStorage storage;
  private WatchCache watchCache;
  private Registry registry;

  @BeforeEach
  void start() {
    storage = new SqliteStorage(dir.resolve("state.db"), 1000, null);
    watchCache = new WatchCache(storage, 1000, Keys::kindOf, 600_000);
    ServiceAllocator allocator = new ServiceAllocator(new ClusterIpAllocator("127.96.71.0/24", new Random(1)),
        new NodePortAllocator(30000, 30100, new Random(1)));
    registry = new Registry(storage, watchCache, allocator, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    watchCache.close();
    storage.close();
  }

  private String published() {
    EndpointsObject e = registry.find(ResourceKinds.ENDPOINTS, "default", "kubernetes").orElseThrow();
    assertThat(e.getSubsetsList()).hasSize(1);
    return e.getSubsets(0).getAddresses(0).getIp() + ":" + e.getSubsets(0).getPorts(0).getPort();
  }

  @Test
  void aNewStorePublishesTheAdvertiseAddress() {
    Bootstrap.ensure(registry, "127.96.71.1", "127.96.71.10", "172.28.0.2", 6443);
    assertThat(published()).isEqualTo("172.28.0.2:6443");
  }

  @Test
  void aKeptStoreFollowsTheNewAdvertiseAddressAndIsLeftAloneOtherwise() {
    Bootstrap.ensure(registry, "127.96.71.1", "127.96.71.10", "172.28.0.2", 6443);
    String version = registry.find(ResourceKinds.ENDPOINTS, "default", "kubernetes").orElseThrow().getMetadata().getResourceVersion();
    Bootstrap.ensure(registry, "127.96.71.1", "127.96.71.10", "172.28.0.2", 6443);
    assertThat(registry.find(ResourceKinds.ENDPOINTS, "default", "kubernetes").orElseThrow().getMetadata().getResourceVersion())
        .as("same address: no write").isEqualTo(version);
    Bootstrap.ensure(registry, "127.96.71.1", "127.96.71.10", "10.0.0.7", 6443);
    assertThat(published()).isEqualTo("10.0.0.7:6443");
  }

  /** Two apiservers on one store (two registries over one storage): both addresses, no fight, a stop removes its own. */
  @Test
  void twoApiserversOnOneStorePublishBothAndConverge() {
    Registry second = new Registry(storage, watchCache, new ServiceAllocator(new ClusterIpAllocator("127.96.71.0/24", new Random(2)),
        new NodePortAllocator(30000, 30100, new Random(2))), Clock.systemUTC());
    EndpointReconciler first = Bootstrap.ensure(registry, "127.96.71.1", "127.96.71.10", "127.0.0.1", 6443);
    EndpointReconciler other = Bootstrap.ensure(second, "127.96.71.1", "127.96.71.10", "127.0.0.1", 6453);
    assertThat(addresses()).containsExactly("127.0.0.1:6443", "127.0.0.1:6453");
    String version = registry.get(ResourceKinds.ENDPOINTS, "default", "kubernetes").getMetadata().getResourceVersion();
    first.reconcile();
    other.reconcile();
    assertThat(registry.get(ResourceKinds.ENDPOINTS, "default", "kubernetes").getMetadata().getResourceVersion())
        .as("both agree: no write").isEqualTo(version);
    assertThat(registry.find(ResourceKinds.SERVICES, "default", "kubernetes")).isPresent();
    first.close();
    assertThat(addresses()).containsExactly("127.0.0.1:6453");
  }

  private java.util.List<String> addresses() {
    EndpointsObject e = registry.get(ResourceKinds.ENDPOINTS, "default", "kubernetes");
    return e.getSubsetsList().stream().flatMap(s -> s.getAddressesList().stream().map(a -> a.getIp() + ":" + s.getPorts(0).getPort()))
        .toList();
  }
}
