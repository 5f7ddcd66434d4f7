package io.svclab.e2e.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentCondition;
import io.svclab.api.v1.DeploymentsGrpc;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.ScaleSpec;
import io.svclab.api.v1.UpdateScaleRequest;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.WorkloadControllerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workload controller as a real process against a real apiserver, with fake kubelets
 * standing in for node-agents (Nodes, Leases, pod readiness).
 */
class WorkloadControllerTest {
  @TempDir Path dir;
  private ApiServerProcess api;
  private WorkloadControllerProcess controller;
  private FakeKubelets kubelets;
  private ResourceClient<Deployment> deployments;
  private ResourceClient<ReplicaSet> replicaSets;
  private ResourceClient<Pod> pods;

  private void startLab(String... controllerArgs) throws Exception {
    api = new ApiServerProcess(dir).start();
    deployments = new ResourceClient<>(api.channel(), ResourceKinds.DEPLOYMENTS);
    replicaSets = new ResourceClient<>(api.channel(), ResourceKinds.REPLICA_SETS);
    pods = new ResourceClient<>(api.channel(), ResourceKinds.PODS);
    kubelets = new FakeKubelets(api.channel());
    controller = WorkloadControllerProcess.start(dir, api.target(), controllerArgs);
  }

  @AfterEach
  void stop() throws Exception {
    if (kubelets != null) kubelets.close();
    if (controller != null) controller.close();
    if (api != null) api.close();
  }

  /** Seed 000: nginx-deployment, app=nginx, nginx:1.14.2 on port 80. */
  private static Deployment nginx(int replicas) {
    Deployment.Builder d = Deployment.newBuilder();
    d.getMetadataBuilder().setName("nginx-deployment").setNamespace("default").putLabels("app", "nginx");
    d.getSpecBuilder().setReplicas(replicas).setSelector(LabelSelector.newBuilder().putMatchLabels("app", "nginx"));
    d.getSpecBuilder().getTemplateBuilder().getMetadataBuilder().putLabels("app", "nginx");
    d.getSpecBuilder().getTemplateBuilder().getSpecBuilder().addContainers(Container.newBuilder().setName("nginx")
        .setImage("nginx:1.14.2").addPorts(ContainerPort.newBuilder().setContainerPort(80)));
    return d.build();
  }

  private List<Pod> activePods() {
    return pods.listItems("default", "app=nginx").stream().filter(p -> !p.getMetadata().hasDeletionTimestamp()).toList();
  }

  private Deployment deployment() {
    return deployments.get("default", "nginx-deployment");
  }

  private void awaitStatus(int replicas, int updated, int ready, int available) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      var s = deployment().getStatus();
      assertThat(List.of(s.getReplicas(), s.getUpdatedReplicas(), s.getReadyReplicas(), s.getAvailableReplicas(),
          s.getUnavailableReplicas())).as("replicas, updated, ready, available, unavailable")
          .containsExactly(replicas, updated, ready, available, 0);
      assertThat(s.getObservedGeneration()).isEqualTo(deployment().getMetadata().getGeneration());
    });
  }

  private void scale(int replicas) {
    DeploymentsGrpc.newBlockingStub(api.channel()).updateScale(UpdateScaleRequest.newBuilder().setNamespace("default")
        .setName("nginx-deployment").setScale(Scale.newBuilder().setSpec(ScaleSpec.newBuilder().setReplicas(replicas))).build());
  }

  @Test
  void seedDeploymentRunsTwoPodsSpreadOverTwoNodesAndFollowsScale() throws Exception {
    startLab();
    kubelets.addNode("node-1", true);
    kubelets.addNode("node-2", true);
    deployments.create(nginx(2));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<ReplicaSet> rss = replicaSets.listItems("default", "");
      assertThat(rss).singleElement().satisfies(rs -> {
        String hash = rs.getMetadata().getLabelsOrThrow("pod-template-hash");
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
        assertThat(rs.getMetadata().getName()).isEqualTo("nginx-deployment-" + hash);
        assertThat(rs.getSpec().getSelector().getMatchLabelsMap()).containsEntry("pod-template-hash", hash);
        assertThat(rs.getMetadata().getAnnotationsMap()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(rs.getMetadata().getOwnerReferences(0).getController()).isTrue();
      });
      List<Pod> running = activePods();
      assertThat(running).hasSize(2).allSatisfy(p -> {
        assertThat(p.getMetadata().getName()).startsWith(rss.get(0).getMetadata().getName() + "-");
        assertThat(p.getMetadata().getOwnerReferences(0).getBlockOwnerDeletion()).isTrue();
        assertThat(FakeKubelets.isReady(p)).isTrue();
      });
      assertThat(running).extracting(p -> p.getSpec().getNodeName()).containsExactlyInAnyOrder("node-1", "node-2");
    });
    awaitStatus(2, 2, 2, 2);
    assertThat(deployment().getStatus().getConditionsList()).extracting(DeploymentCondition::getType,
        DeploymentCondition::getReason).contains(
            org.assertj.core.groups.Tuple.tuple("Available", "MinimumReplicasAvailable"),
            org.assertj.core.groups.Tuple.tuple("Progressing", "NewReplicaSetAvailable"));
    List<Event> events = new ResourceClient<>(api.channel(), ResourceKinds.EVENTS).listItems("default", "");
    assertThat(events).filteredOn(e -> e.getReason().equals("Scheduled")).hasSize(2)
        .allSatisfy(e -> assertThat(e.getMessage()).matches("Successfully assigned default/nginx-deployment-\\w+-\\w+ to node-[12]"));

    scale(3);
    awaitStatus(3, 3, 3, 3);
    scale(1);
    awaitStatus(1, 1, 1, 1);
    assertThat(activePods()).hasSize(1);
  }

  @Test
  void rollingUpdateKeepsReplicasMinusMaxUnavailableReady() throws Exception {
    startLab();
    kubelets.addNode("node-1", true);
    kubelets.addNode("node-2", true);
    deployments.create(nginx(4)); // 25%/25%: maxSurge 1, maxUnavailable 1
    awaitStatus(4, 4, 4, 4);

    AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          int ready = (int) activePods().stream().filter(FakeKubelets::isReady).count();
          minReady.accumulateAndGet(ready, Math::min);
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // a failed read is no sample
        }
      }
    });
    sampler.start();
    Deployment d = deployment();
    Deployment.Builder updated = d.toBuilder();
    updated.getSpecBuilder().getTemplateBuilder().getSpecBuilder().setContainers(0,
        d.getSpec().getTemplate().getSpec().getContainers(0).toBuilder().setImage("nginx:1.25"));
    deployments.update(updated.build());
    try {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(activePods()).hasSize(4).allSatisfy(p -> {
          assertThat(p.getSpec().getContainers(0).getImage()).isEqualTo("nginx:1.25");
          assertThat(FakeKubelets.isReady(p)).isTrue();
        });
        var s = deployment().getStatus();
        assertThat(List.of(s.getReplicas(), s.getUpdatedReplicas(), s.getAvailableReplicas())).containsExactly(4, 4, 4);
      });
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    assertThat(minReady.get()).as("fewest ready pods seen during the rollout").isGreaterThanOrEqualTo(4 - 1);
    List<ReplicaSet> rss = replicaSets.listItems("default", "");
    assertThat(rss).hasSize(2);
    assertThat(rss).filteredOn(rs -> rs.getSpec().getReplicas() == 4).singleElement()
        .satisfies(rs -> assertThat(rs.getMetadata().getAnnotationsMap()).containsEntry("deployment.kubernetes.io/revision", "2"));
  }

  @Test
  void podStaysPendingWithFailedSchedulingWhenNoNodeIsReady() throws Exception {
    startLab();
    kubelets.addNode("node-1", false);
    kubelets.addNode("node-2", false);
    deployments.create(nginx(1));
    ResourceClient<Event> events = new ResourceClient<>(api.channel(), ResourceKinds.EVENTS);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(events.listItems("default", "")).filteredOn(e -> e.getReason().equals("FailedScheduling"))
          .singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getSource().getComponent()).isEqualTo("default-scheduler");
            assertThat(e.getMessage()).isEqualTo("0/2 nodes are available: 2 node(s) were not ready.");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
            assertThat(e.getCount()).isGreaterThanOrEqualTo(1);
          });
      assertThat(activePods()).singleElement().satisfies(p -> {
        assertThat(p.getSpec().getNodeName()).isEmpty();
        assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
      });
    });
  }

  @Test
  void expiredNodeLeaseTurnsNodeNotReadyAndItsPodsUnready() throws Exception {
    startLab("--node-monitor-grace-period", "3s");
    kubelets.addNode("node-1", true);
    ResourceClient<Node> nodes = new ResourceClient<>(api.channel(), ResourceKinds.NODES);
    Pod.Builder pod = Pod.newBuilder();
    pod.getMetadataBuilder().setName("web").setNamespace("default").putLabels("app", "nginx");
    pod.getSpecBuilder().setNodeName("node-1").addContainers(Container.newBuilder().setName("nginx").setImage("nginx"));
    pods.create(pod.build());
    await().atMost(Duration.ofSeconds(60)).until(() -> FakeKubelets.isReady(pods.get("default", "web")));

    kubelets.stop("node-1");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      NodeCondition ready = nodes.get("", "node-1").getStatus().getConditionsList().stream()
          .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("Unknown");
      assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
      assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
      assertThat(FakeKubelets.isReady(pods.get("default", "web"))).isFalse();
    });
  }

  @Test
  void deletingTheDeploymentCollectsItsReplicaSetAndPods() throws Exception {
    startLab();
    kubelets.addNode("node-1", true);
    kubelets.addNode("node-2", true);
    deployments.create(nginx(2));
    awaitStatus(2, 2, 2, 2);

    deployments.delete("default", "nginx-deployment");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(replicaSets.listItems("default", "")).isEmpty();
      assertThat(pods.listItems("default", "app=nginx")).isEmpty();
    });
  }
}
