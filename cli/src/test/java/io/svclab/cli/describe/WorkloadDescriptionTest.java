package io.svclab.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateRunning;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentCondition;
import io.svclab.api.v1.DeploymentSpec;
import io.svclab.api.v1.DeploymentStatus;
import io.svclab.api.v1.DeploymentStrategy;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.PodTemplateSpec;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetSpec;
import io.svclab.api.v1.ReplicaSetStatus;
import io.svclab.api.v1.RollingUpdateDeployment;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** describe deploy and describe pod for seed 000's nginx, against kubectl's layout of the same objects. */
class WorkloadDescriptionTest {
  static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");
  static final Timestamp CREATED = Timestamp.newBuilder().setSeconds(Instant.parse("2026-11-23T13:50:00Z").getEpochSecond()).build();
  static final Container NGINX = Container.newBuilder().setName("nginx").setImage("nginx:1.14.2")
      .addPorts(ContainerPort.newBuilder().setContainerPort(80).setProtocol("TCP")).build();

  static Deployment deployment() {
    PodTemplateSpec template = PodTemplateSpec.newBuilder().setMetadata(ObjectMeta.newBuilder().putLabels("app", "nginx"))
        .setSpec(PodSpec.newBuilder().addContainers(NGINX)).build();
    return Deployment.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("nginx-deployment").setNamespace("default").setUid("d1")
            .setCreationTimestamp(CREATED).putAnnotations("deployment.kubernetes.io/revision", "1"))
        .setSpec(DeploymentSpec.newBuilder().setReplicas(2).setSelector(LabelSelector.newBuilder().putMatchLabels("app", "nginx"))
            .setTemplate(template).setStrategy(DeploymentStrategy.newBuilder().setType("RollingUpdate")
                .setRollingUpdate(RollingUpdateDeployment.newBuilder().setMaxUnavailable(IntOrString.newBuilder().setName("25%"))
                    .setMaxSurge(IntOrString.newBuilder().setName("25%")))))
        .setStatus(DeploymentStatus.newBuilder().setReplicas(2).setUpdatedReplicas(2).setReadyReplicas(2).setAvailableReplicas(2)
            .addConditions(DeploymentCondition.newBuilder().setType("Available").setStatus("True").setReason("MinimumReplicasAvailable"))
            .addConditions(DeploymentCondition.newBuilder().setType("Progressing").setStatus("True").setReason("NewReplicaSetAvailable")))
        .build();
  }

  static ReplicaSet replicaSet(Deployment d, String hash, int replicas) {
    PodTemplateSpec t = d.getSpec().getTemplate();
    return ReplicaSet.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("nginx-deployment-" + hash).setNamespace("default").setCreationTimestamp(CREATED)
            .addOwnerReferences(OwnerReference.newBuilder().setKind("Deployment").setName("nginx-deployment").setUid("d1").setController(true)))
        .setSpec(ReplicaSetSpec.newBuilder().setReplicas(replicas)
            .setTemplate(t.toBuilder().setMetadata(t.getMetadata().toBuilder().putLabels("pod-template-hash", hash))))
        .setStatus(ReplicaSetStatus.newBuilder().setReplicas(replicas)).build();
  }

  static Pod pod() {
    Timestamp started = Timestamp.newBuilder().setSeconds(CREATED.getSeconds() + 2).build();
    PodStatus.Builder status = PodStatus.newBuilder().setPhase("Running").setHostIp("127.0.10.1").setPodIp("127.244.1.2")
        .addPodIps(PodIP.newBuilder().setIp("127.244.1.2")).setStartTime(Timestamp.newBuilder().setSeconds(CREATED.getSeconds() + 1))
        .setQosClass("BestEffort")
        .addContainerStatuses(ContainerStatus.newBuilder().setName("nginx").setContainerId("containerd://4f1c")
            .setImage("docker.io/library/nginx:1.14.2").setImageId("docker.io/library/nginx@sha256:f7988fb6c02e")
            .setReady(true).setState(ContainerState.newBuilder().setRunning(ContainerStateRunning.newBuilder().setStartedAt(started))));
    for (String c : List.of("Initialized", "Ready", "ContainersReady", "PodScheduled")) {
      status.addConditions(PodCondition.newBuilder().setType(c).setStatus("True"));
    }
    return Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("nginx-deployment-7c5ddbdf54-2xk8v").setNamespace("default")
            .putLabels("app", "nginx").putLabels("pod-template-hash", "7c5ddbdf54")
            .addOwnerReferences(OwnerReference.newBuilder().setKind("ReplicaSet").setName("nginx-deployment-7c5ddbdf54").setController(true)))
        .setSpec(PodSpec.newBuilder().addContainers(NGINX).setServiceAccountName("default").setNodeName("node-1"))
        .setStatus(status).build();
  }

  static Stream<Arguments> cases() {
    Deployment d = deployment();
    return Stream.of(
        Arguments.of("deployment: pod template block, conditions and ReplicaSets share kubectl's columns",
            DeploymentDescription.render(d, List.of(replicaSet(d, "7c5ddbdf54", 2)), List.of(), NOW, ZoneOffset.UTC),
            """
            Name:                   nginx-deployment
            Namespace:              default
            CreationTimestamp:      Mon, 23 Nov 2026 13:50:00 +0000
            Labels:                 <none>
            Annotations:            deployment.kubernetes.io/revision: 1
            Selector:               app=nginx
            Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
            StrategyType:           RollingUpdate
            MinReadySeconds:        0
            RollingUpdateStrategy:  25% max unavailable, 25% max surge
            Pod Template:
              Labels:  app=nginx
              Containers:
               nginx:
                Image:         nginx:1.14.2
                Port:          80/TCP
                Host Port:     0/TCP
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      True    MinimumReplicasAvailable
              Progressing    True    NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   nginx-deployment-7c5ddbdf54 (2/2 replicas created)
            Events:          <none>
            """),
        Arguments.of("deployment mid-rollout: the old ReplicaSet still holding pods is listed as old",
            DeploymentDescription.render(d, List.of(replicaSet(d, "7c5ddbdf54", 1),
                replicaSet(d.toBuilder().setSpec(d.getSpec().toBuilder().setTemplate(d.getSpec().getTemplate().toBuilder()
                    .setSpec(PodSpec.newBuilder().addContainers(NGINX.toBuilder().setImage("nginx:1.13"))))).build(), "5d59d67564", 1)),
                List.of(), NOW, ZoneOffset.UTC).lines().filter(l -> l.matches("(Old|New)ReplicaSets?:.*")).toList().toString(),
            "[OldReplicaSets:  nginx-deployment-5d59d67564 (1/1 replicas created), "
                + "NewReplicaSet:   nginx-deployment-7c5ddbdf54 (1/1 replicas created)]"),
        Arguments.of("pod (kubectl's layout; svclab's Pod has no priority field, so no Priority line)",
            PodDescription.render(pod(), List.of(), NOW, ZoneOffset.UTC),
            """
            Name:             nginx-deployment-7c5ddbdf54-2xk8v
            Namespace:        default
            Service Account:  default
            Node:             node-1/127.0.10.1
            Start Time:       Mon, 23 Nov 2026 13:50:01 +0000
            Labels:           app=nginx
                              pod-template-hash=7c5ddbdf54
            Annotations:      <none>
            Status:           Running
            IP:               127.244.1.2
            IPs:
              IP:           127.244.1.2
            Controlled By:  ReplicaSet/nginx-deployment-7c5ddbdf54
            Containers:
              nginx:
                Container ID:   containerd://4f1c
                Image:          nginx:1.14.2
                Image ID:       docker.io/library/nginx@sha256:f7988fb6c02e
                Port:           80/TCP
                Host Port:      0/TCP
                State:          Running
                  Started:      Mon, 23 Nov 2026 13:50:02 +0000
                Ready:          True
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Conditions:
              Type              Status
              Initialized       True \n\
              Ready             True \n\
              ContainersReady   True \n\
              PodScheduled      True \n\
            Volumes:            <none>
            QoS Class:          BestEffort
            Node-Selectors:     <none>
            Tolerations:        <none>
            Events:             <none>
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersAsKubectl(String name, String rendered, String expected) {
    assertThat(rendered).isEqualTo(expected);
  }
}
