package io.svclab.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.apiserver.bootstrap.Bootstrap;
import io.svclab.apiserver.registry.Keys;
import io.svclab.apiserver.registry.ListOptions;
import io.svclab.apiserver.registry.Registry;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.client.resource.ResourceKinds;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two apiservers over one store, each with its own registry, watch cache and allocators, as
 * {@code ./lab up --apiservers 2} runs them: the store's range records are what keeps them from
 * handing out one ClusterIP or NodePort twice. Each storage runs this suite by extending it.
 */
abstract class SharedAllocationTest {
  static final String CIDR = "127.96.0.0/22";
  @TempDir Path dir;
  private final List<Storage> storages = new ArrayList<>();
  private final List<WatchCache> caches = new ArrayList<>();
  Apiserver a;
  Apiserver b;

  /** The store the {@code index}-th apiserver talks to: the same one, or another client of the same cluster. */
  abstract Storage storageFor(Path dir, int index);

  record Apiserver(Registry registry, ClusterIpAllocator ips, NodePortAllocator ports, AllocatorRepair repair) {}

  @BeforeEach
  void start() {
    a = apiserver(0);
    b = apiserver(1);
    Bootstrap.ensure(a.registry(), "127.96.0.1", "127.96.0.10", "127.0.0.1", 6443);
  }

  private Apiserver apiserver(int index) {
    Storage storage = storageFor(dir, index);
    if (!storages.contains(storage)) {
      storages.add(storage);
    }
    WatchCache cache = new WatchCache(storage, 5000, Keys::kindOf, 600_000);
    caches.add(cache);
    ClusterIpAllocator ips = new ClusterIpAllocator(CIDR, new SecureRandom(),
        size -> new StoredRange(storage, Keys.SERVICE_IPS_RANGE, CIDR, size));
    NodePortAllocator ports = new NodePortAllocator(30000, 32767, new SecureRandom(),
        size -> new StoredRange(storage, Keys.SERVICE_NODE_PORTS_RANGE, "30000-32767", size));
    Registry registry = new Registry(storage, cache, new ServiceAllocator(ips, ports), Clock.systemUTC());
    AllocatorRepair repair = new AllocatorRepair(() -> services(registry), ips, ports);
    repair.runOnce();
    return new Apiserver(registry, ips, ports, repair);
  }

  @AfterEach
  void stop() {
    caches.forEach(WatchCache::close);
    storages.forEach(Storage::close);
  }

  static List<Service> services(Registry registry) {
    return registry.list(ResourceKinds.SERVICES, new ListOptions("", "", "", 0, "")).items();
  }

  static Service nodePortService(String name) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(ServiceSpec.newBuilder().setType("NodePort").putSelector("app", name)
            .addPorts(ServicePort.newBuilder().setPort(80).setProtocol("TCP")))
        .build();
  }

  @Test
  void twoHundredConcurrentCreatesSplitAcrossTwoApiserversGetDistinctClusterIpsAndNodePorts() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Future<Service>> created = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        Registry via = (i % 2 == 0 ? a : b).registry();
        Service svc = nodePortService("web-" + i);
        created.add(clients.submit(() -> via.create(ResourceKinds.SERVICES, svc)));
      }
      Set<String> clusterIps = new HashSet<>();
      Set<Integer> nodePorts = new HashSet<>();
      for (Future<Service> f : created) {
        Service s = f.get();
        clusterIps.add(s.getSpec().getClusterIp());
        nodePorts.add(s.getSpec().getPorts(0).getNodePort());
      }
      assertThat(clusterIps).hasSize(200).doesNotContain("127.96.0.1", "127.96.0.10");
      assertThat(nodePorts).hasSize(200);
    } finally {
      clients.shutdownNow();
    }
    // both apiservers see one taken set: the 200 and the bootstrap's kubernetes and kube-dns
    assertThat(a.ips().used()).isEqualTo(202);
    assertThat(b.ips().used()).isEqualTo(202);
    assertThat(b.ports().used()).isEqualTo(200);
  }

  @Test
  void aServiceDeletedThroughOneApiserverFreesItsAddressForTheOther() {
    Service asked = nodePortService("fixed").toBuilder()
        .setSpec(nodePortService("fixed").getSpec().toBuilder().setClusterIp("127.96.1.7")
            .setPorts(0, ServicePort.newBuilder().setPort(80).setProtocol("TCP").setNodePort(30707)))
        .build();
    a.registry().create(ResourceKinds.SERVICES, asked);

    b.registry().delete(ResourceKinds.SERVICES, DeleteRequest.newBuilder().setNamespace("default").setName("fixed").build());

    Service again = b.registry().create(ResourceKinds.SERVICES, asked.toBuilder()
        .setMetadata(asked.getMetadata().toBuilder().setName("fixed-again")).build());
    assertThat(again.getSpec().getClusterIp()).isEqualTo("127.96.1.7");
    assertThat(again.getSpec().getPorts(0).getNodePort()).isEqualTo(30707);
  }

  @Test
  void anAddressTakenByACreateThatNeverLandedIsFreedByTheOtherApiserversRepairOnlyAtItsThirdPass() throws Exception {
    a.ips().allocate("127.96.2.2");  // apiserver a died between the allocation and the Service write
    a.ports().allocate(31313);
    Service held = a.registry().create(ResourceKinds.SERVICES, nodePortService("held"));

    List<Boolean> takenAfterEachRepair = new ArrayList<>();
    for (int i = 0; i < RangeRepair.REPAIRS_BEFORE_LEAK_CLEANUP; i++) {
      b.repair().runOnce();
      takenAfterEachRepair.add(b.ips().isAllocated("127.96.2.2") && b.ports().isAllocated(31313));
    }

    assertThat(takenAfterEachRepair).containsExactly(true, true, false);
    assertThat(a.ips().isAllocated(held.getSpec().getClusterIp())).as("held by a stored Service").isTrue();
    assertThat(a.ports().isAllocated(held.getSpec().getPorts(0).getNodePort())).isTrue();
  }

  @Test
  void aDryRunCreateWritesNothingAndTakesNothing() {
    long revision = a.registry().storage().revision();
    int used = a.ips().used();

    Service shown = a.registry().create(ResourceKinds.SERVICES, nodePortService("dry"), true);

    assertThat(shown.getSpec().getClusterIp()).startsWith("127.96.");
    assertThat(shown.getSpec().getPorts(0).getNodePort()).isBetween(30000, 32767);
    assertThat(a.registry().storage().revision()).isEqualTo(revision);
    assertThat(b.ips().used()).isEqualTo(used);
  }

  @Test
  void theRangeRecordsAreInNoListOrWatchOfAnyKind() {
    a.registry().create(ResourceKinds.SERVICES, nodePortService("web"));

    Set<String> kindsOfRecords = new LinkedHashSet<>();
    for (String key : List.of(Keys.SERVICE_IPS_RANGE, Keys.SERVICE_NODE_PORTS_RANGE)) {
      assertThat(a.registry().storage().get(key)).as(key + " is stored").isPresent();
      kindsOfRecords.add(String.valueOf(Keys.kindOf(key)));
      for (var kind : ResourceKinds.ALL) {
        assertThat(key).as(kind.plural()).doesNotStartWith(Keys.prefix(kind, ""));
      }
    }
    assertThat(kindsOfRecords).as("what the watch cache files them under").containsExactly("null");
  }
}
