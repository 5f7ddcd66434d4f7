package io.svclab.e2e.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, acceptance 3: {@code ./lab up --etcd --apiservers 2}. 200 concurrent Service creates
 * split across both apiservers get 200 distinct ClusterIPs and NodePorts; kill -9 of the first
 * apiserver: a watch open across the kill resumes on the other with no lost or repeated event,
 * the controllers' and nodes' watches move to the other, and the seed-000 demo still passes. Then
 * leader election with a second endpoints-controller and workload-controller ({@link ElectedControllers}).
 */
class MultiApiServerTest {
  static final Duration CEILING = Duration.ofSeconds(300);
  static final String FIRST = "127.0.0.1:6443";
  static final String SECOND = "127.0.0.1:6453";
  static final String SECOND_METRICS = "http://127.0.0.1:6090/metrics";
  static final String FIRST_METRICS = "http://127.0.0.1:6080/metrics";
  static final String WATCHERS = "apiserver_registered_watchers";

  @TempDir Path data;
  @TempDir Path labRecords;

  static Service service(String name, String type, Map<String, String> labels) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").putAllLabels(labels))
        .setSpec(ServiceSpec.newBuilder().setType(type).putSelector("app", name).addPorts(ServicePort.newBuilder()
            .setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build();
  }

  @Test
  void twoApiserversOnOneEtcdAndTheLabSurvivesLosingOne() throws Exception {
    String env = "SVCLAB_LABS_DIR=" + labRecords + " ";
    try (LabProcess lab = LabProcess.up(data, Map.of("SVCLAB_LABS_DIR", labRecords.toString()), "--etcd", "--apiservers", "2")) {
      LabTable table = new LabTable(data);
      lab.awaitLine("svclab is up in", 400);
      Shell.Result status = Shell.run(env + "./lab status --data " + data, 60);
      assertThat(status.stdout()).as(status.stdout() + status.stderr())
          .containsPattern("(?m)^apiserver\\s+\\d+\\s+healthy").containsPattern("(?m)^apiserver-2\\s+\\d+\\s+healthy")
          .containsPattern("(?m)^etcd-2\\s+\\d+\\s+healthy");
      ManagedChannel first = ApiChannels.forTarget(FIRST);
      ManagedChannel second = ApiChannels.forTarget(SECOND);
      ManagedChannel both = ApiChannels.forTarget(FIRST + "," + SECOND);
      try {
        distinctAllocationsAcrossBothApiservers(first, second);
        ResourceClient<EndpointsObject> endpoints = new ResourceClient<>(both, ResourceKinds.ENDPOINTS, 10_000);
        await().atMost(CEILING).ignoreExceptions().until(() -> addresses(endpoints.get("default", "kubernetes"))
            .containsAll(List.of(FIRST, SECOND)));

        await().atMost(CEILING).until(() -> LabTable.gauge(FIRST_METRICS, WATCHERS) + LabTable.gauge(SECOND_METRICS, WATCHERS) > 0);
        double watchersBefore = LabTable.gauge(FIRST_METRICS, WATCHERS);
        double onSecondBefore = LabTable.gauge(SECOND_METRICS, WATCHERS);
        System.out.printf("watchers before the kill: apiserver %.0f, apiserver-2 %.0f%n", watchersBefore, onSecondBefore);

        watchAcrossTheKill(both, table);

        // the components' watches were on the first (their lists name it first); now they are on the second
        await().atMost(CEILING).until(() -> LabTable.gauge(SECOND_METRICS, WATCHERS) >= onSecondBefore + watchersBefore);
        System.out.printf("watchers after the kill: apiserver-2 %.0f%n", LabTable.gauge(SECOND_METRICS, WATCHERS));
        await().atMost(CEILING).until(table::allHealthy);
        await().atMost(CEILING).ignoreExceptions().until(() -> addresses(endpoints.get("default", "kubernetes"))
            .containsAll(List.of(FIRST, SECOND)));
      } finally {
        first.shutdownNow();
        second.shutdownNow();
        both.shutdownNow();
      }
      Shell.Result demo = Shell.run(env + "./lab demo clusterip --data " + data, 600);
      assertThat(demo.exitCode()).as(demo.stdout() + demo.stderr()).isZero();
      assertThat(demo.stdout()).contains("demo clusterip passed: ");
      ManagedChannel elected = ApiChannels.forTarget(FIRST + "," + SECOND);
      try {
        long start = System.nanoTime();
        new ElectedControllers(table, elected).oneActiveOfEachKindAndFailover(labRecords, SECOND + "," + FIRST);
        System.out.printf("leader election across both apiservers checked in %d s%n",
            Duration.ofNanos(System.nanoTime() - start).toSeconds());
      } finally {
        elected.shutdownNow();
      }
      lab.terminateGroup(120);
      long members = ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
          .map(c -> c.contains("--data-dir=" + data.resolve("etcd"))).orElse(false)).count();
      assertThat(members).as("etcd members left running after the lab stopped").isZero();
    }
  }

  private void distinctAllocationsAcrossBothApiservers(ManagedChannel first, ManagedChannel second) throws Exception {
    List<ResourceClient<Service>> clients = List.of(new ResourceClient<>(first, ResourceKinds.SERVICES, 60_000),
        new ResourceClient<>(second, ResourceKinds.SERVICES, 60_000));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Service> created = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        ResourceClient<Service> client = clients.get(i % 2);
        String name = "split-" + i;
        calls.add(pool.submit(() -> created.add(client.create(service(name, "NodePort", Map.of("test", "split"))))));
      }
      for (Future<?> f : calls) {
        f.get(CEILING.toSeconds(), TimeUnit.SECONDS);
      }
      Set<String> ips = new HashSet<>();
      Set<Integer> ports = new HashSet<>();
      for (Service s : created) {
        ips.add(s.getSpec().getClusterIp());
        ports.add(s.getSpec().getPorts(0).getNodePort());
      }
      assertThat(created).hasSize(200);
      assertThat(ips).as("distinct ClusterIPs").hasSize(200);
      assertThat(ports).as("distinct NodePorts").hasSize(200);
      List<Future<?>> deletes = new ArrayList<>();
      for (Service s : created) {
        deletes.add(pool.submit(() -> clients.get(0).delete("default", s.getMetadata().getName())));
      }
      for (Future<?> f : deletes) {
        f.get(CEILING.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A watch on the list channel (served by the first), creates going on, kill -9 of the first apiserver. */
  private void watchAcrossTheKill(ManagedChannel both, LabTable table) throws Exception {
    ResourceClient<Service> services = new ResourceClient<>(both, ResourceKinds.SERVICES, 10_000);
    long from = Long.parseLong(services.kind().listMeta(services.list(ListRequest.newBuilder().setNamespace("default").build()))
        .getResourceVersion());
    Set<String> written = Collections.synchronizedSet(new HashSet<>());
    try (ResumingWatch<Service> watch = new ResumingWatch<>(services, "default", "test=across", from).start()) {
      Thread writer = new Thread(() -> {
        for (int n = 0; n < 40 && !Thread.currentThread().isInterrupted(); n++) {
          String name = "across-" + n;
          while (!written.contains(name) && !Thread.currentThread().isInterrupted()) {
            try {
              services.create(service(name, "ClusterIP", Map.of("test", "across")));
              written.add(name);
            } catch (StatusRuntimeException e) {
              if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
                written.add(name);  // an earlier attempt was written before its answer was lost
              } else {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException ie) {
                  return;
                }
              }
            }
          }
          if (n == 20) {
            try {
              long pid = table.kill("apiserver");
              System.out.println("killed apiserver (pid " + pid + ") after " + written.size() + " creates");
            } catch (java.io.IOException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      }, "across-writer");
      writer.start();
      writer.join(CEILING.toMillis());
      assertThat(writer.isAlive()).as("the creates went on after the kill").isFalse();
      assertThat(written).hasSize(40);
      await().atMost(CEILING).until(() -> watch.nonBookmarks().stream().map(ResumingWatch.Seen::name).distinct().count() >= 40);
      List<ResumingWatch.Seen> seen = watch.nonBookmarks();
      assertThat(watch.reopened.get()).as("the watch was cut by the kill and opened again").isPositive();
      assertThat(seen).as("every create seen once, nothing twice").hasSize(40);
      assertThat(seen.stream().map(ResumingWatch.Seen::name).toList()).containsExactlyInAnyOrderElementsOf(written);
      List<Long> rvs = seen.stream().map(ResumingWatch.Seen::resourceVersion).toList();
      assertThat(rvs).as("in store order").isSorted().doesNotHaveDuplicates();
      for (String name : written) {
        services.delete("default", name);
      }
    }
  }

  private static List<String> addresses(EndpointsObject e) {
    return e.getSubsetsList().stream()
        .flatMap(s -> s.getAddressesList().stream().map(a -> a.getIp() + ":" + s.getPorts(0).getPort())).toList();
  }
}
