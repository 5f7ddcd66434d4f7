package io.svclab.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 4: kill -9 during a stream of creates loses no acknowledged write; allocators agree after restart. */
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void acknowledgedCreatesSurviveKillMinusNine() throws Exception {
    ApiServerProcess api = new ApiServerProcess(dir).start();
    Map<String, Service> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch thousand = new CountDownLatch(1000);
    ExecutorService writers = Executors.newFixedThreadPool(16);
    ResourceClient<Service> services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
    for (int t = 0; t < 16; t++) {
      writers.execute(() -> {
        while (true) {
          int i = next.getAndIncrement();
          if (i >= 3000) {
            return;
          }
          try {
            Service s = services.create(ApiServerApiTest.svc("d-" + i, i % 3 == 0 ? "NodePort" : null, 0));
            acknowledged.put(s.getMetadata().getName(), s);
            thousand.countDown();
          } catch (RuntimeException e) {
            return;  // the server is gone: this write was never acknowledged
          }
        }
      });
    }
    assertThat(thousand.await(120, TimeUnit.SECONDS)).as("1000 creates acknowledged").isTrue();
    api.kill9();
    writers.shutdown();
    assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    long maxAckedVersion = acknowledged.values().stream()
        .mapToLong(s -> Long.parseLong(s.getMetadata().getResourceVersion())).max().orElseThrow();
    api.close();

    try (ApiServerProcess again = new ApiServerProcess(dir).start()) {
      ResourceClient<Service> after = new ResourceClient<>(again.channel(), ResourceKinds.SERVICES);
      List<Service> stored = after.listItems("default", "");
      Map<String, Service> byName = stored.stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
      assertThat(acknowledged.size()).isGreaterThanOrEqualTo(1000);
      for (Service s : acknowledged.values()) {
        Service found = byName.get(s.getMetadata().getName());
        assertThat(found).as(s.getMetadata().getName()).isNotNull();
        assertThat(found.getSpec().getClusterIp()).isEqualTo(s.getSpec().getClusterIp());
        assertThat(found.getMetadata().getResourceVersion()).isEqualTo(s.getMetadata().getResourceVersion());
      }
      // allocators were rebuilt from the store: new Services never reuse a held IP or port
      for (int i = 0; i < 100; i++) {
        after.create(ApiServerApiTest.svc("post-" + i, "NodePort", 0));
      }
      List<Service> all = after.listItems("", "");
      Set<String> ips = new HashSet<>();
      Set<Integer> ports = new HashSet<>();
      for (Service s : all) {
        if (!s.getSpec().getClusterIp().isEmpty()) {
          assertThat(ips.add(s.getSpec().getClusterIp())).as("duplicate IP " + s.getSpec().getClusterIp()).isTrue();
        }
        s.getSpec().getPortsList().forEach(p -> {
          if (p.getNodePort() != 0) {
            assertThat(ports.add(p.getNodePort())).as("duplicate nodePort " + p.getNodePort()).isTrue();
          }
        });
      }
      long newest = Long.parseLong(after.kind().listMeta(after.list(ListRequest.getDefaultInstance())).getResourceVersion());
      assertThat(newest).isGreaterThan(maxAckedVersion);
    }
  }
}
