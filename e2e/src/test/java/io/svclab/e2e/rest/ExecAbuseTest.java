package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's bad input against the exec path (apiserver WebSocket, node-agent session): a flood of
 * resize messages, 50 concurrent execs, a client that vanishes mid-session. Afterwards the
 * node-agent is back where it was: its live threads ({@code jvm_threads_current} on its /metrics)
 * at most the baseline, no exec session thread left (jcmd's thread dump), its heap
 * in use after a full GC ({@code jcmd GC.run}, then {@code jvm_memory_used_bytes{area="heap"}})
 * within 16 MiB of the baseline's, and /healthz ok. The baseline is taken after a warm-up of 40
 * execs, so the kubelet API's fixed pool of 32 request threads is already full then.
 */
class ExecAbuseTest {
  @TempDir static Path dir;
  private static KubectlCluster cluster;
  private static Kubectl kubectl;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final long HEAP_SLACK = 16L << 20;

  private long baselineThreads;
  private long baselineHeap;

  @BeforeAll
  static void start() throws Exception {
    cluster = KubectlCluster.start(dir, true);
    kubectl = cluster.withToolboxPod(dir);
    List<String> warm = concurrentEchoes(40, 8);
    assertThat(warm).allMatch("ok\n"::equals);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  @BeforeEach
  void baseline() throws Exception {
    baselineThreads = metric("jvm_threads_current");
    baselineHeap = heapAfterGc();
  }

  @AfterEach
  void backToBaseline() throws Exception {
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      assertThat(sessionThreads()).as("exec session threads").isZero();
      assertThat(metric("jvm_threads_current")).as("node-agent live threads").isLessThanOrEqualTo(baselineThreads);
      assertThat(heapAfterGc()).as("heap in use after a full GC").isLessThanOrEqualTo(baselineHeap + HEAP_SLACK);
    });
    assertThat(healthz()).isEqualTo("ok");
    assertThat(cluster.agent().alive()).isTrue();
  }

  @Test
  void aFloodOfResizes() throws Exception {
    try (ExecWebSocket ws = ExecWebSocket.open(cluster.api().kubeconfig(), "default", "toolbox", List.of("sh"))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> ws.stdout().contains("/ # "));
      for (int i = 0; i < 5000; i++) ws.resize(40 + i % 200, 10 + i % 60);
      ws.resize(123, 45);
      ws.type("echo flooded\r");
      await().atMost(Duration.ofSeconds(120)).until(() -> ws.stdout().contains("flooded\r\n/ # "));
      ws.type("exit\r");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(ws.status()).as("the terminal shows:\n" + ws.stdout() + "\nnode-agent's log ends:\n"
              + tail(cluster.agent().log(), 30)).contains("\"status\":\"Success\""));
    }
  }

  @Test
  void fiftyConcurrentExecs() throws Exception {
    List<String> outputs = concurrentEchoes(50, 10);
    assertThat(outputs).hasSize(50).allMatch("ok\n"::equals);
  }

  @Test
  void aClientThatVanishesMidSession() throws Exception {
    ExecWebSocket ws = ExecWebSocket.open(cluster.api().kubeconfig(), "default", "toolbox", List.of("sh"));
    await().atMost(Duration.ofSeconds(60)).until(() -> ws.stdout().contains("/ # "));
    ws.type("echo half a li");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sessionThreads()).isPositive());
    ws.vanish();
    assertThat(kubectl.ok("exec", "toolbox", "--", "echo", "still here").stdout()).isEqualTo("still here\n");
  }

  private static String tail(String log, int lines) {
    List<String> all = log.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** {@code kubectl exec toolbox -- echo ok}, {@code n} times, at most {@code parallel} at once. */
  private static List<String> concurrentEchoes(int n, int parallel) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        runs.add(pool.submit(() -> {
          Kubectl.Result r = kubectl.run("exec", "toolbox", "--", "echo", "ok");
          return r.exitCode() == 0 ? r.stdout() : r.all();
        }));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : runs) out.add(f.get(120, TimeUnit.SECONDS));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String admin(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + cluster.agent().nodeIp() + ":"
        + cluster.agent().adminPort() + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return r.body().strip();
  }

  private static String healthz() throws IOException, InterruptedException {
    return admin("/healthz");
  }

  /** A sample's value from the node-agent's /metrics (the first series of that name and labels). */
  private static long metric(String series) throws IOException, InterruptedException {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+]+)$").matcher(admin("/metrics"));
    assertThat(m.find()).as(series + " on /metrics").isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  private static long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    return metric("jvm_memory_used_bytes{area=\"heap\"}");
  }

  /** Threads of the node-agent inside an exec session, from jcmd's thread dump. */
  private static long sessionThreads() throws IOException, InterruptedException {
    String dump = jcmd("Thread.print");
    assertThat(dump).contains("kubelet-api");
    return java.util.Arrays.stream(dump.split("\n\n"))
        .filter(t -> t.contains("TerminalSession.run")).count();
  }

  private static String jcmd(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(cluster.agent().pid()), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
