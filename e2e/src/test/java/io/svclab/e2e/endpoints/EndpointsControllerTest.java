package io.svclab.e2e.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.WatchRequest;
import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.e2e.harness.Lab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5's acceptance, against a real apiserver and a real endpoints-controller process. */
class EndpointsControllerTest {
  @TempDir Path dir;
  ApiServerProcess api;
  ComponentProcess controller;
  Cluster cluster;

  @BeforeEach
  void start() throws Exception {
    api = new ApiServerProcess(dir).start();
    controller = startController();
    cluster = new Cluster(api.channel());
    cluster.node("node-1");
    cluster.node("node-2");
    awaitReconciling();
  }

  ComponentProcess startController() throws Exception {
    int admin = Lab.freePort();
    return new ComponentProcess("endpoints-controller", "io.svclab.endpoints.EndpointsControllerMain",
        List.of("--api", api.target(), "--admin-port", Integer.toString(admin)), dir,
        "http://127.0.0.1:" + admin + "/readyz").start();
  }

  /** The controller is reconciling once it has written the bootstrap kube-dns Service's slice. */
  void awaitReconciling() {
    await().atMost(Duration.ofSeconds(60)).until(() ->
        !cluster.slices.listItems("kube-system", "kubernetes.io/service-name=kube-dns").isEmpty());
  }

  @AfterEach
  void stop() throws Exception {
    java.nio.file.Files.copy(controller.logFile(), Path.of("target", "endpoints-controller-last.log"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    controller.close();
    api.close();
  }

  List<EndpointSlice> slices(String service) {
    return cluster.slices.listItems("default", "kubernetes.io/service-name=" + service);
  }

  Set<String> readyIps(String service) {
    Set<String> ips = new HashSet<>();
    for (EndpointSlice s : slices(service)) {
      s.getEndpointsList().stream().filter(e -> e.getConditions().getReady()).forEach(e -> ips.addAll(e.getAddressesList()));
    }
    return ips;
  }

  Set<String> legacy(String service, boolean ready) {
    Set<String> ips = new HashSet<>();
    try {
      EndpointsObject ep = cluster.endpoints.get("default", service);
      ep.getSubsetsList().forEach(s -> (ready ? s.getAddressesList() : s.getNotReadyAddressesList())
          .stream().map(EndpointAddress::getIp).forEach(ips::add));
    } catch (RuntimeException e) {
      // not written yet
    }
    return ips;
  }

  @Test
  void readyPodsAppearAndScalingFollows() {
    cluster.service("web", "web", IntOrString.newBuilder().setNumber(80).build());
    cluster.runningPod("web-1", "web", "node-1", "127.244.1.11", true, 80);
    cluster.runningPod("web-2", "web", "node-2", "127.244.2.11", true, 80);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
      assertThat(readyIps("web")).containsExactlyInAnyOrder("127.244.1.11", "127.244.2.11");
      assertThat(legacy("web", true)).containsExactlyInAnyOrder("127.244.1.11", "127.244.2.11");
    });
    EndpointSlice slice = slices("web").get(0);
    assertThat(slice.getMetadata().getLabelsMap()).containsEntry("endpointslice.kubernetes.io/managed-by",
        "endpointslice-controller.k8s.io");
    assertThat(slice.getMetadata().getOwnerReferences(0).getKind()).isEqualTo("Service");
    assertThat(slice.getAddressType()).isEqualTo("IPv4");
    assertThat(slice.getEndpoints(0).getTargetRef().getKind()).isEqualTo("Pod");
    assertThat(slice.getPorts(0).getPort()).isEqualTo(80);

    cluster.runningPod("web-3", "web", "node-1", "127.244.1.12", true, 80);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(readyIps("web")).hasSize(3));
    cluster.deletePodNow("web-1");
    cluster.deletePodNow("web-3");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(readyIps("web")).containsExactly("127.244.2.11");
      assertThat(legacy("web", true)).containsExactly("127.244.2.11");
    });
  }

  @Test
  void notReadyPodMovesToNotReadyAddressesAndBack() {
    cluster.service("web", "web", IntOrString.newBuilder().setNumber(80).build());
    cluster.runningPod("web-1", "web", "node-1", "127.244.1.21", true, 80);
    await().atMost(Duration.ofSeconds(60)).until(() -> readyIps("web").size() == 1);
    cluster.setReady("web-1", "127.244.1.21", false);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(readyIps("web")).isEmpty();
      assertThat(slices("web").get(0).getEndpoints(0).getConditions().getReady()).isFalse();
      assertThat(legacy("web", false)).containsExactly("127.244.1.21");
      assertThat(legacy("web", true)).isEmpty();
    });
    cluster.setReady("web-1", "127.244.1.21", true);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(readyIps("web")).containsExactly("127.244.1.21");
      assertThat(legacy("web", true)).containsExactly("127.244.1.21");
    });
  }

  @Test
  void namedTargetPortResolvesPerPod() {
    cluster.service("named", "named", IntOrString.newBuilder().setName("http").build());
    cluster.runningPod("named-a", "named", "node-1", "127.244.1.31", true, 8080);
    cluster.runningPod("named-b", "named", "node-2", "127.244.2.31", true, 9090);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<EndpointSlice> s = slices("named");
      Set<String> pairs = new HashSet<>();
      for (EndpointSlice slice : s) {
        for (var e : slice.getEndpointsList()) {
          pairs.add(e.getAddresses(0) + ":" + slice.getPorts(0).getPort());
        }
      }
      assertThat(pairs).containsExactlyInAnyOrder("127.244.1.31:8080", "127.244.2.31:9090");
    });
  }

  @Test
  void twoHundredFiftyPodsGiveThreeSlicesAndOneChangeRewritesOneSlice() throws Exception {
    cluster.service("big", "big", IntOrString.newBuilder().setNumber(80).build());
    for (int i = 0; i < 250; i++) {
      cluster.runningPod("big-" + i, "big", i % 2 == 0 ? "node-1" : "node-2", "127.244." + (1 + i / 200) + "." + (10 + i % 200), true, 80);
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<EndpointSlice> s = slices("big");
      assertThat(s).hasSize(3);
      assertThat(s).allSatisfy(slice -> assertThat(slice.getEndpointsCount()).isLessThanOrEqualTo(100));
      assertThat(readyIps("big")).hasSize(250);
    });
    // Writes still settling from the 250 creates may follow on the watch; they show big-17 Ready. The count
    // starts at the first event showing it not Ready: the change, and anything the change caused after it.
    long rv = Long.parseLong(cluster.slices.kind().listMeta(cluster.slices.list(
        io.svclab.api.v1.ListRequest.newBuilder().setNamespace("default").build())).getResourceVersion());
    List<EventType> sinceChange = new java.util.concurrent.CopyOnWriteArrayList<>();
    var call = cluster.slices.watch(WatchRequest.newBuilder().setNamespace("default").setLabelSelector(
        "kubernetes.io/service-name=big").setResourceVersion(Long.toString(rv)).build(), new StreamObserver<>() {
          @Override
          public void onNext(Message m) {
            EventType t = cluster.slices.kind().watchEventType(m);
            if (t == EventType.BOOKMARK) {
              return;
            }
            boolean showsChange = cluster.slices.kind().watchEventObject(m).getEndpointsList().stream()
                .anyMatch(e -> e.getTargetRef().getName().equals("big-17") && !e.getConditions().getReady());
            if (showsChange || !sinceChange.isEmpty()) {
              sinceChange.add(t);
            }
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    cluster.setReady("big-17", "127.244.1.27", false);
    await().atMost(Duration.ofSeconds(60)).until(() -> !sinceChange.isEmpty());
    // nothing more follows: no second slice rewritten, none created or deleted
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(60)).until(() -> sinceChange.size() == 1);
    call.cancel("done", null);
    assertThat(sinceChange).as("slice events for one pod change").containsExactly(EventType.MODIFIED);
  }

  @Test
  void deletingTheServiceRemovesSlicesAndEndpoints() {
    cluster.service("gone", "gone", IntOrString.newBuilder().setNumber(80).build());
    cluster.runningPod("gone-1", "gone", "node-1", "127.244.1.41", true, 80);
    await().atMost(Duration.ofSeconds(60)).until(() -> readyIps("gone").size() == 1 && legacy("gone", true).size() == 1);
    cluster.services.delete("default", "gone");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(slices("gone")).isEmpty();
      assertThat(cluster.endpoints.listItems("default", "")).extracting(e -> e.getMetadata().getName()).doesNotContain("gone");
    });
  }

  @Test
  void restartedControllerConvergesWithoutDuplicates() throws Exception {
    cluster.service("scale", "scale", IntOrString.newBuilder().setNumber(80).build());
    List<String> ips = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String ip = "127.244." + (3 + i / 100) + "." + (10 + i % 100);
      ips.add(ip);
      cluster.runningPod("scale-" + i, "scale", "node-1", ip, true, 80);
      if (i == 80) {
        controller.kill9();
      }
    }
    controller = startController();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<String> all = new ArrayList<>();
      slices("scale").forEach(s -> s.getEndpointsList().forEach(e -> all.addAll(e.getAddressesList())));
      assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ips);
      assertThat(slices("scale")).hasSize(2);
    });
  }
}
