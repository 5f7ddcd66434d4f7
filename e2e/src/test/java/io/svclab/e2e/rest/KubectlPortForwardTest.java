package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's {@code port-forward} (issue 18): seed 003's echo server behind
 * {@code svc/echo-clusterip}, forwarded through the apiserver (WebSocket tunnel carrying SPDY, and
 * kubectl's SPDY fallback) and the pod's node-agent to the pod's IP.
 */
class KubectlPortForwardTest {
  private static final String NS = "service-types-demo";
  @TempDir static Path dir;
  private static KubectlCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = KubectlCluster.start(dir, true);
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    for (String name : List.of("namespace.yaml", "app.yaml", "clusterip.yaml")) {
      try (InputStream in = KubectlPortForwardTest.class.getResourceAsStream("/demos/seed-003/manifests/" + name)) {
        Files.write(manifests.resolve(name), in.readAllBytes());
      }
    }
    kubectl = cluster.kubectl(manifests);
    kubectl.ok("apply", "-f", "namespace.yaml");
    kubectl.ok("apply", "-f", "app.yaml");
    kubectl.ok("apply", "-f", "clusterip.yaml");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(kubectl.ok("get", "pods", "-n", NS, "-o", "jsonpath={range .items[*]}{.status.phase}{\"\\n\"}{end}")
            .stdout().lines().filter(l -> l.equals("Running"))).as("running echo pods").hasSize(2));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** One GET on a connection of its own, so each request is a forwarded connection of its own. */
  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return fresh.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitForwarding(Kubectl.Streaming pf, int port) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(pf.lines).as("kubectl port-forward output").contains("Forwarding from 127.0.0.1:" + port + " -> 8080"));
  }

  @Test
  void serviceForwardServesTheEchoServerUntilInterrupted() throws Exception {
    int port = freePort();
    try (Kubectl.Streaming pf = kubectl.streamWithErrors("port-forward", "svc/echo-clusterip", port + ":80", "-n", NS)) {
      awaitForwarding(pf, port);
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = get(port, "/sequential-" + i);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Hostname: echo-server-").contains("/sequential-" + i);
      }
      CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> uncheckedGet(port, "/concurrent-a"));
      CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> uncheckedGet(port, "/concurrent-b"));
      assertThat(a.join().body()).contains("/concurrent-a");
      assertThat(b.join().body()).contains("/concurrent-b");
      assertThat(pf.lines).contains("Handling connection for " + port);

      pf.interrupt();
      pf.awaitExit();
      assertThatThrownBy(() -> get(port, "/after")).isInstanceOf(IOException.class);
    }
  }

  private static HttpResponse<String> uncheckedGet(int port, String path) {
    try {
      return get(port, path);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void spdyFallbackServesTheSamePod() throws Exception {
    int port = freePort();
    String pod = kubectl.ok("get", "pods", "-n", NS, "-o", "jsonpath={.items[0].metadata.name}").stdout();
    try (Kubectl.Streaming pf = kubectl.withEnv("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false")
        .streamWithErrors("port-forward", "pod/" + pod, port + ":8080", "-n", NS)) {
      awaitForwarding(pf, port);
      HttpResponse<String> r = get(port, "/over-spdy");
      assertThat(r.body()).contains("Hostname: " + pod).contains("/over-spdy");
    }
  }

  @Test
  void nothingListeningIsKubeletsForwardingError() throws Exception {
    int port = freePort();
    String pod = kubectl.ok("get", "pods", "-n", NS, "-o", "jsonpath={.items[0].metadata.name}").stdout();
    try (Kubectl.Streaming pf = kubectl.streamWithErrors("port-forward", "pod/" + pod, port + ":9999", "-n", NS)) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(pf.lines).contains("Forwarding from 127.0.0.1:" + port + " -> 9999"));
      assertThatThrownBy(() -> get(port, "/")).isInstanceOf(IOException.class);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(String.join("\n", pf.lines))
          .contains("an error occurred forwarding " + port + " -> 9999: error forwarding port 9999 to pod ")
          .contains("dial tcp4 ").contains(":9999: connect: connection refused"));
    }
  }

  @Test
  void aMissingPodIsNotFound() throws Exception {
    Kubectl.Result r = kubectl.run("port-forward", "pod/nope", freePort() + ":80", "-n", NS);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
    Kubectl.Result svc = kubectl.run("port-forward", "svc/nope", freePort() + ":80", "-n", NS);
    assertThat(svc.stderr()).isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
  }
}
