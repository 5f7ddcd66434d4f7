package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's {@code logs} and {@code exec} against a real apiserver, workload controller
 * (scheduler included) and node-agent: the apiserver relays pods/log and pods/exec to the
 * node-agent's kubelet endpoint, as kube-apiserver does to kubelet.
 */
class KubectlLogsExecTest {
  @TempDir static Path dir;
  private static KubectlCluster cluster;
  private static Kubectl kubectl;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() throws Exception {
    cluster = KubectlCluster.start(dir, true);
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    try (InputStream in = KubectlLogsExecTest.class.getResourceAsStream("/seed-000/nginx-deployment.yaml")) {
      Files.write(manifests.resolve("nginx-deployment.yaml"), in.readAllBytes());
    }
    Files.writeString(manifests.resolve("two-containers.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: two
        spec:
          containers:
          - name: web
            image: nginx:1.25
          - name: tools
            image: busybox
            command: ["sleep", "3600"]
        """);
    Files.writeString(manifests.resolve("curl-pod.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: curl-pod
        spec:
          containers:
          - name: curl
            image: curlimages/curl
            command: ["sleep", "3600"]
            env:
            - name: GREETING
              value: hello-from-env
        """);
    kubectl = cluster.kubectl(manifests);
    ok("apply", "-f", "nginx-deployment.yaml");
    ok("apply", "-f", "two-containers.yaml");
    ok("apply", "-f", "curl-pod.yaml");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(ok("get", "pods", "-o", "jsonpath={range .items[*]}{.status.phase}{\"\\n\"}{end}").stdout().lines()
          .filter(l -> l.equals("Running"))).as("running pods").hasSize(4);
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  private static Kubectl.Result ok(String... args) throws IOException, InterruptedException {
    return kubectl.ok(args);
  }

  private static List<String> nginxPods() throws Exception {
    return List.of(ok("get", "pods", "-l", "app=nginx", "-o", "jsonpath={.items[*].metadata.name}").stdout().split(" "));
  }

  private static void request(String pod, String path) throws Exception {
    String ip = ok("get", "pod", pod, "-o", "jsonpath={.status.podIP}").stdout();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":80" + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isIn(200, 404);
  }

  @Test
  void logsShowNginxAccessLines() throws Exception {
    String pod = nginxPods().get(0);
    request(pod, "/");
    request(pod, "/second-request");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(ok("logs", pod).stdout()).contains("\"GET / HTTP/1.1\" 200").contains("GET /second-request HTTP/1.1"));

    String tail = ok("logs", pod, "--tail=1").stdout();
    assertThat(tail.lines().toList()).hasSize(1);
    assertThat(tail).contains("GET /second-request HTTP/1.1");

    assertThat(ok("logs", pod, "-c", "nginx").stdout()).contains("\"GET / HTTP/1.1\" 200");
    assertThat(ok("logs", pod, "--timestamps", "--tail=1").stdout()).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\S+ .*GET /second-request.*\n");
  }

  @Test
  void logsOfADeploymentPickAPod() throws Exception {
    for (String pod : nginxPods()) {
      request(pod, "/from-deploy");
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(ok("logs", "deploy/nginx-deployment").stdout()).contains("GET /from-deploy HTTP/1.1"));
  }

  @Test
  void followStreamsNewLines() throws Exception {
    String pod = nginxPods().get(1);
    try (Kubectl.Streaming follow = kubectl.stream("logs", "-f", pod)) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        request(pod, "/followed");
        assertThat(follow.lines).anyMatch(l -> l.contains("GET /followed HTTP/1.1"));
      });
    }
  }

  @Test
  void logErrorsReadAsKubernetesWritesThem() throws Exception {
    Kubectl.Result missing = kubectl.run("logs", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    // kubectl's own wording for a pod it could not get before asking for the log
    assertThat(missing.stderr())
        .isEqualTo("error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n");

    String pod = nginxPods().get(0);
    Kubectl.Result badContainer = kubectl.run("logs", pod, "-c", "nope");
    assertThat(badContainer.exitCode()).isEqualTo(1);
    // kubectl checks -c against the pod itself; the server says the same through --raw
    assertThat(badContainer.stderr()).isEqualTo("error: container nope is not valid for pod " + pod + "\n");
    Kubectl.Result badContainerRaw = kubectl.run("get", "--raw",
        "/api/v1/namespaces/default/pods/" + pod + "/log?container=nope");
    assertThat(badContainerRaw.exitCode()).isEqualTo(1);
    assertThat(badContainerRaw.stderr()).contains("container nope is not valid for pod " + pod);

    Kubectl.Result unnamed = kubectl.run("get", "--raw", "/api/v1/namespaces/default/pods/two/log");
    assertThat(unnamed.exitCode()).isEqualTo(1);
    assertThat(unnamed.stderr()).contains("a container name must be specified for pod two, choose one of: [web tools]");

    Kubectl.Result badQuery = kubectl.run("get", "--raw", "/api/v1/namespaces/default/pods/" + pod + "/log?tailLines=-3");
    assertThat(badQuery.exitCode()).isEqualTo(1);
    assertThat(badQuery.stderr()).contains("tailLines: Invalid value: -3: must be greater than or equal to 0");
  }

  @Test
  void execRunsTheCommandInThePod() throws Exception {
    Kubectl.Result hi = kubectl.run("exec", "curl-pod", "--", "echo", "hi");
    assertThat(hi.exitCode()).as(hi.all()).isZero();
    assertThat(hi.stdout()).isEqualTo("hi\n");

    Kubectl.Result env = ok("exec", "curl-pod", "--", "sh", "-c", "echo $GREETING; hostname");
    assertThat(env.stdout()).isEqualTo("hello-from-env\ncurl-pod\n");

    Kubectl.Result failing = kubectl.run("exec", "curl-pod", "--", "sh", "-c", "echo before; exit 3");
    assertThat(failing.exitCode()).isEqualTo(3);
    assertThat(failing.stdout()).isEqualTo("before\n");
    assertThat(failing.stderr()).contains("command terminated with exit code 3");

    Kubectl.Result one = kubectl.run("exec", "curl-pod", "--", "false");
    assertThat(one.exitCode()).isEqualTo(1);
    assertThat(one.stderr()).contains("command terminated with exit code 1");

    assertThat(ok("exec", "two", "-c", "tools", "--", "echo", "from tools").stdout()).isEqualTo("from tools\n");
  }

  @Test
  void execErrorsReadAsKubernetesWritesThem() throws Exception {
    Kubectl.Result badContainer = kubectl.run("exec", "curl-pod", "-c", "nope", "--", "echo", "x");
    assertThat(badContainer.exitCode()).isEqualTo(1);
    assertThat(badContainer.stderr()).contains("container nope is not valid for pod curl-pod");

    Kubectl.Result missing = kubectl.run("exec", "nope", "--", "echo", "x");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
  }

  @Test
  void execIntoADeploymentPicksOneOfItsPods() throws Exception {
    String hostname = ok("exec", "deploy/nginx-deployment", "--", "hostname").stdout().strip();
    assertThat(nginxPods()).contains(hostname);
  }
}
