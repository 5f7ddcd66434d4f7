package io.svclab.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.Service;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.InformerOptions;
import io.svclab.client.informer.ResourceEventHandler;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client library against a real apiserver: the server is killed mid-watch and, while the
 * informer is away, more changes happen than the watch window holds; the informer must get
 * OUT_OF_RANGE, relist, and converge with no change seen twice and none lost.
 */
class InformerConvergenceTest {
  @TempDir Path dir;

  @Test
  void informerConvergesAfterServerKillAndExpiredWindow() throws Exception {
    ApiServerProcess api = new ApiServerProcess(dir, "--watch-cache-size", "100").start();
    Map<String, List<Long>> seen = new ConcurrentHashMap<>();
    Map<String, Integer> adds = new ConcurrentHashMap<>();
    Map<String, Integer> deletes = new ConcurrentHashMap<>();
    ResourceClient<Service> client = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
    try (Informer<Service> informer = new Informer<>(client, InformerOptions.all().inNamespace("default")
        .withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
      informer.addHandler(new ResourceEventHandler<Service>() {
        private void record(Service s) {
          seen.computeIfAbsent(s.getMetadata().getName(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
              .add(Long.parseLong(s.getMetadata().getResourceVersion()));
        }

        @Override
        public void onAdd(Service s) {
          adds.merge(s.getMetadata().getName(), 1, Integer::sum);
          record(s);
        }

        @Override
        public void onUpdate(Service old, Service s) {
          record(s);
        }

        @Override
        public void onDelete(Service s) {
          deletes.merge(s.getMetadata().getName(), 1, Integer::sum);
        }
      });
      informer.start();
      assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
      for (int i = 0; i < 10; i++) {
        client.create(ApiServerApiTest.svc("inf-" + i, null, 0));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> informer.list().size() == 11);  // + default/kubernetes

      api.kill9();
      api.start();  // same ports, same data
      ResourceClient<Service> writer = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
      for (int i = 0; i < 3; i++) {
        writer.delete("default", "inf-" + i);
      }
      for (int i = 0; i < 50; i++) {
        writer.create(ApiServerApiTest.svc("late-" + i, null, 0));
      }
      for (int round = 0; round < 60; round++) {
        Service s = writer.get("default", "inf-9");
        writer.update(s.toBuilder().setMetadata(s.getMetadata().toBuilder().putLabels("round", "r" + round)).build());
      }

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Map<String, String> server = writer.listItems("default", "").stream().collect(Collectors.toMap(
            s -> s.getMetadata().getName(), s -> s.getMetadata().getResourceVersion()));
        Map<String, String> cached = informer.list().stream().collect(Collectors.toMap(
            s -> s.getMetadata().getName(), s -> s.getMetadata().getResourceVersion()));
        assertThat(cached).isEqualTo(server);
      });
      for (var e : seen.entrySet()) {
        assertThat(e.getValue()).as("versions seen for " + e.getKey()).doesNotHaveDuplicates().isSorted();
      }
      assertThat(adds.values()).containsOnly(1);
      assertThat(deletes).containsOnlyKeys("inf-0", "inf-1", "inf-2").containsValues(1);
      assertThat(informer.get("default", "inf-9").orElseThrow().getMetadata().getLabelsMap()).containsEntry("round", "r59");
      assertThat(listRequests(api)).as("the informer relisted after OUT_OF_RANGE").isGreaterThanOrEqualTo(1);
    } finally {
      api.close();
    }
  }

  private static double listRequests(ApiServerProcess api) throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + api.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines()
        .filter(l -> l.startsWith("apiserver_request_total{") && l.contains("verb=\"list\"") && l.contains("resource=\"services\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
