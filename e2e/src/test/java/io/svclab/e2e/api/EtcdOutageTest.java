package io.svclab.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.bench.EtcdProcess;
import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22, acceptance 4: the apiserver on etcd, with etcd unreachable at start, gone while running, and back. */
class EtcdOutageTest {
  @TempDir Path dir;

  @Test
  void anUnreachableEtcdAtStartIsOneErrorNamingTheEndpointAndANonZeroExit() throws Exception {
    int closed = Lab.freePort();
    Path log = dir.resolve("apiserver.log");
    Process api = new ProcessBuilder(Lab.javaCommand("apiserver", "io.svclab.apiserver.ApiServerMain", List.of(
        "--data", dir.toString(), "--port", Integer.toString(Lab.freePort()), "--admin-port",
        Integer.toString(Lab.freePort()), "--rest-port", "-1",
        "--storage", "etcd:http://127.0.0.1:" + closed, "--storage-connect-timeout", "2s")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(api.waitFor(120, TimeUnit.SECONDS)).as("apiserver exits").isTrue();
    assertThat(api.exitValue()).isNotZero();
    assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains("cannot reach etcd"))
        .singleElement().asString().contains("cannot reach etcd at http://127.0.0.1:" + closed + " within 2s");
  }

  @Test
  void writesFailUnavailableWhileEtcdIsGoneAndTheApiserverRecoversWhenItReturns() throws Exception {
    try (EtcdProcess etcd = EtcdProcess.start(dir.resolve("etcd"));
        ApiServerProcess api = new ApiServerProcess(Files.createDirectories(dir.resolve("api")),
            "--storage", "etcd:" + etcd.endpoint()).start()) {
      ResourceClient<Service> services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
      Service before = services.create(ApiServerApiTest.svc("before", null, 0));
      WatchCollector<Service> watch = new WatchCollector<>(services).start(WatchRequest.newBuilder()
          .setNamespace("default").setResourceVersion(before.getMetadata().getResourceVersion()).build());

      etcd.kill9();
      assertThatThrownBy(() -> services.create(ApiServerApiTest.svc("while-down", null, 0)))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.UNAVAILABLE));

      etcd.restart();
      Service after = await("creates succeed again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsInstanceOf(StatusRuntimeException.class)
          .until(() -> services.create(ApiServerApiTest.svc("after", null, 0)), s -> s != null);
      await("the watch from before sees it").atMost(Duration.ofSeconds(60))
          .until(() -> watch.nonBookmarks().stream().anyMatch(e -> e.name().equals("after")));
      assertThat(watch.nonBookmarks()).extracting(WatchCollector.Seen::name).containsExactly("after");
      assertThat(watch.nonBookmarks().get(0).type()).isEqualTo(EventType.ADDED);
      assertThat(watch.nonBookmarks().get(0).resourceVersion())
          .isEqualTo(Long.parseLong(after.getMetadata().getResourceVersion()));
      assertThatThrownBy(() -> services.get("default", "while-down"))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
      assertThat(Files.readAllLines(dir.resolve("api/apiserver-test.log")))
          .anyMatch(l -> l.contains("etcd at " + etcd.endpoint() + " lost"))
          .anyMatch(l -> l.contains("etcd at " + etcd.endpoint() + " is back"));
      watch.cancel();
    }
  }
}
