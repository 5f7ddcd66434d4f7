package io.svclab.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.EnvVar;
import io.svclab.api.v1.EnvVarSource;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.HTTPGetAction;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectFieldSelector;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Probe;
import io.svclab.api.v1.TCPSocketAction;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A real apiserver and a real node-agent; pods created already bound to the node (no scheduler). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeAgentTest {
  static final String NODE = "node-7";
  static final String NODE_IP = "127.0.10.7";
  static final String CIDR = "127.244.7.0/24";

  Path dir;
  ApiServerProcess api;
  NodeAgentProcess agent;
  ResourceClient<Pod> pods;
  ResourceClient<Event> events;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  void start(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    api = new ApiServerProcess(dir).start();
    agent = new NodeAgentProcess(api.target(), NODE, NODE_IP, CIDR, dir).start();
    pods = new ResourceClient<>(api.channel(), ResourceKinds.PODS);
    events = new ResourceClient<>(api.channel(), ResourceKinds.EVENTS);
  }

  @AfterAll
  void stop() throws Exception {
    if (agent != null) agent.close();
    if (api != null) api.close();
  }

  static Pod pod(String name, Container... containers) {
    return Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").putLabels("app", name))
        .setSpec(PodSpec.newBuilder().setNodeName(NODE).addAllContainers(List.of(containers))
            .setTerminationGracePeriodSeconds(5)).build();
  }

  Pod awaitPod(String name, java.util.function.Predicate<Pod> condition, int seconds) {
    Pod[] last = new Pod[1];
    try {
      await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200)).until(() -> {
        last[0] = pods.get("default", name);
        return condition.test(last[0]);
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("pod " + name + " never matched; last seen:\n" + last[0], e);
    }
    return last[0];
  }

  static boolean ready(Pod p) {
    return p.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void registersTheNodeAndRenewsItsLease() {
    ResourceClient<Node> nodes = new ResourceClient<>(api.channel(), ResourceKinds.NODES);
    ResourceClient<Lease> leases = new ResourceClient<>(api.channel(), ResourceKinds.LEASES);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> nodes.get("", NODE) != null);
    Node node = nodes.get("", NODE);
    assertThat(node.getSpec().getPodCidr()).isEqualTo(CIDR);
    assertThat(node.getStatus().getAddressesList()).anyMatch(a -> a.getType().equals("InternalIP") && a.getAddress().equals(NODE_IP));
    assertThat(node.getStatus().getConditionsList()).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> leases.get("kube-node-lease", NODE) != null);
    long first = leases.get("kube-node-lease", NODE).getSpec().getRenewTime().getSeconds();
    await().atMost(Duration.ofSeconds(60)).until(() -> leases.get("kube-node-lease", NODE).getSpec().getRenewTime().getSeconds() > first);
  }

  /** Seed 002's backend container: nginx serving its own pod name and IP. */
  static Container seed002Backend() {
    return Container.newBuilder().setName("backend").setImage("nginx:1.25")
        .addPorts(ContainerPort.newBuilder().setContainerPort(80))
        .addEnv(EnvVar.newBuilder().setName("BACKEND_ID").setValueFrom(EnvVarSource.newBuilder()
            .setFieldRef(ObjectFieldSelector.newBuilder().setFieldPath("metadata.name"))))
        .addCommand("/bin/sh").addArgs("-c")
        .addArgs("echo \"<h1>Backend Pod: $BACKEND_ID</h1><p>Pod IP: $(hostname -i)</p>\" > /usr/share/nginx/html/index.html\n"
            + "exec nginx -g 'daemon off;'\n")
        .setReadinessProbe(Probe.newBuilder().setHttpGet(HTTPGetAction.newBuilder().setPath("/")
            .setPort(IntOrString.newBuilder().setNumber(80))).setInitialDelaySeconds(1).setPeriodSeconds(1))
        .setLivenessProbe(Probe.newBuilder().setHttpGet(HTTPGetAction.newBuilder().setPath("/")
            .setPort(IntOrString.newBuilder().setNumber(80))).setInitialDelaySeconds(10))
        .build();
  }

  @Test
  void nginxPodRunsReadyAndServesTheWelcomePage() throws Exception {
    pods.create(pod("web", Container.newBuilder().setName("nginx").setImage("nginx:1.25")
        .addPorts(ContainerPort.newBuilder().setContainerPort(80)).build()));
    Pod p = awaitPod("web", x -> x.getStatus().getPhase().equals("Running") && ready(x), 60);
    String ip = p.getStatus().getPodIp();
    assertThat(ip).startsWith("127.244.7.");
    assertThat(p.getStatus().getHostIp()).isEqualTo(NODE_IP);
    assertThat(p.getStatus().getContainerStatuses(0).getImage()).isEqualTo("docker.io/library/nginx:1.25");
    assertThat(p.getStatus().getConditionsList()).extracting(PodCondition::getType)
        .contains("PodScheduled", "Initialized", "ContainersReady", "Ready");
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":80/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<title>Welcome to nginx!</title>");
    assertThat(r.headers().firstValue("Server")).contains("nginx/1.25.5");
  }

  @Test
  void seed002BackendServesItsOwnNameAndIp() throws Exception {
    Container backend = seed002Backend();
    pods.create(pod("backend-app-7d4b8f9c8d-abcde", backend));
    Pod p = awaitPod("backend-app-7d4b8f9c8d-abcde", NodeAgentTest::ready, 60);
    String ip = p.getStatus().getPodIp();
    assertThat(get("http://" + ip + "/")).isEqualTo(
        "<h1>Backend Pod: backend-app-7d4b8f9c8d-abcde</h1><p>Pod IP: " + ip + "</p>\n");
  }

  @Test
  void readinessProbeOnAClosedPortKeepsThePodNotReady() throws Exception {
    pods.create(pod("unready", Container.newBuilder().setName("agnhost")
        .setImage("registry.k8s.io/e2e-test-images/agnhost:2.39")
        .addAllArgs(List.of("netexec", "--http-port=8080", "--udp-port=8081"))
        .setReadinessProbe(Probe.newBuilder().setTcpSocket(TCPSocketAction.newBuilder()
            .setPort(IntOrString.newBuilder().setNumber(9999))).setPeriodSeconds(1)).build()));
    Pod p = awaitPod("unready", x -> x.getStatus().getPhase().equals("Running"), 60);
    assertThat(get("http://" + p.getStatus().getPodIp() + ":8080/hostname")).isEqualTo("unready");
    // the probe has run and failed (its event), and the pod stays not Ready with kubelet's reason
    await().atMost(Duration.ofSeconds(60)).until(() -> eventsFor("unready").stream()
        .anyMatch(e -> e.getReason().equals("Unhealthy") && e.getMessage().startsWith("Readiness probe failed: dial tcp")));
    p = awaitPod("unready", x -> x.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("ContainersReady")
        && c.getMessage().equals("containers with unready status: [agnhost]")), 60);
    assertThat(ready(p)).isFalse();
  }

  @Test
  void livenessFailureRestartsTheContainerAndCountsIt() {
    pods.create(pod("unhealthy", Container.newBuilder().setName("agnhost")
        .setImage("registry.k8s.io/e2e-test-images/agnhost:2.39").addAllArgs(List.of("netexec"))
        .setLivenessProbe(Probe.newBuilder().setHttpGet(HTTPGetAction.newBuilder().setPath("/no-such-path")
            .setPort(IntOrString.newBuilder().setNumber(8080))).setPeriodSeconds(1).setFailureThreshold(2)).build()));
    Pod p = awaitPod("unhealthy", x -> x.getStatus().getContainerStatusesCount() == 1
        && x.getStatus().getContainerStatuses(0).getRestartCount() >= 1, 60);
    assertThat(p.getStatus().getContainerStatuses(0).getLastState().hasTerminated()).isTrue();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      List<Event> es = eventsFor("unhealthy");
      return es.stream().anyMatch(e -> e.getReason().equals("Killing")
          && e.getMessage().equals("Container agnhost failed liveness probe, will be restarted"))
          && es.stream().anyMatch(e -> e.getReason().equals("Unhealthy")
          && e.getMessage().equals("Liveness probe failed: HTTP probe failed with statuscode: 404"));
    });
  }

  @Test
  void unknownImageBacksOffWithAWarningEvent() {
    pods.create(pod("nosuch", Container.newBuilder().setName("app").setImage("example.com/nosuch/image:1.0").build()));
    Pod p = awaitPod("nosuch", x -> x.getStatus().getContainerStatusesCount() == 1
        && x.getStatus().getContainerStatuses(0).getState().getWaiting().getReason().equals("ImagePullBackOff"), 60);
    assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
    await().atMost(Duration.ofSeconds(60)).until(() -> eventsFor("nosuch").stream()
        .anyMatch(e -> e.getType().equals("Warning") && e.getReason().equals("Failed")
            && e.getSource().getComponent().equals("kubelet")
            && e.getMessage().startsWith("Failed to pull image \"example.com/nosuch/image:1.0\": ")));
  }

  @Test
  void deletionStopsTheContainersThenThePodIsGone() throws Exception {
    pods.create(pod("doomed", Container.newBuilder().setName("nginx").setImage("nginx:1.25")
        .addPorts(ContainerPort.newBuilder().setContainerPort(80)).build()));
    Pod p = awaitPod("doomed", x -> x.getStatus().getPhase().equals("Running") && ready(x), 60);
    String ip = p.getStatus().getPodIp();
    pods.delete("default", "doomed");
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      try {
        pods.get("default", "doomed");
        return false;
      } catch (StatusRuntimeException e) {
        return e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND;
      }
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      try {
        get("http://" + ip + ":80/");
        return false;
      } catch (java.io.IOException e) {
        return true;
      }
    });
    assertThat(eventsFor("doomed")).anyMatch(e -> e.getReason().equals("Killing") && e.getMessage().equals("Stopping container nginx"));
  }

  @Test
  void aRestartedAgentReAdoptsItsPodsOnTheSameIps() throws Exception {
    pods.create(pod("backend-app-7d4b8f9c8d-readopt", seed002Backend()));
    Pod before = awaitPod("backend-app-7d4b8f9c8d-readopt", NodeAgentTest::ready, 60);
    String ip = before.getStatus().getPodIp();
    agent.kill9();
    agent = new NodeAgentProcess(api.target(), NODE, NODE_IP, CIDR, dir).start();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
        .until(() -> get("http://" + ip + "/").contains("Backend Pod: backend-app-7d4b8f9c8d-readopt"));
    Pod after = awaitPod("backend-app-7d4b8f9c8d-readopt", NodeAgentTest::ready, 60);
    assertThat(after.getStatus().getPodIp()).isEqualTo(ip);
    assertThat(after.getStatus().getStartTime()).isEqualTo(before.getStatus().getStartTime());
  }

  List<Event> eventsFor(String pod) {
    return events.listItems("default", "").stream()
        .filter(e -> e.getInvolvedObject().getName().equals(pod)).toList();
  }

  Optional<Pod> find(String name) {
    try {
      return Optional.of(pods.get("default", name));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }
}
