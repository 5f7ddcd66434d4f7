package io.svclab.cli.mirror;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateRunning;
import io.svclab.api.v1.ContainerStateWaiting;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.HostIP;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.client.kube.MirrorPods;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link StaticPod} as the mirror pod kubelet would write for it: annotated
 * {@code kubernetes.io/config.mirror} (= the manifest's hash), {@code config.source: file},
 * owned by its Node when it has one, host network, and Running/Ready since its process started.
 */
public final class MirrorPod {
  private MirrorPod() {}

  public static final String NAMESPACE = "kube-system";

  /**
   * @param nodeUid the uid of {@code pod.nodeName()}'s Node, for the ownerReference; empty when not known
   * @param pid the process's id (its container id reads {@code svclab://<pid>})
   * @param running false while the supervisor waits to restart it: not ready, waiting in CrashLoopBackOff
   */
  public static Pod of(StaticPod pod, Instant startedAt, int restarts, long pid, boolean running,
      Optional<String> nodeUid) {
    String hash = hash(pod);
    ObjectMeta.Builder meta = ObjectMeta.newBuilder().setName(pod.podName()).setNamespace(NAMESPACE)
        .putAllLabels(pod.labels())
        .putAnnotations(MirrorPods.ANNOTATION_MIRROR, hash)
        .putAnnotations(MirrorPods.ANNOTATION_HASH, hash)
        .putAnnotations(MirrorPods.ANNOTATION_SOURCE, "file")
        .putAnnotations(MirrorPods.ANNOTATION_COMPONENT, pod.component());
    if (!pod.nodeName().isEmpty() && nodeUid.isPresent()) {
      meta.addOwnerReferences(OwnerReference.newBuilder().setApiVersion("v1").setKind("Node")
          .setName(pod.nodeName()).setUid(nodeUid.get()).setController(true));
    }
    Container.Builder container = Container.newBuilder().setName(pod.containerName()).setImage(pod.image())
        .setImagePullPolicy("IfNotPresent");
    for (StaticPod.Port p : pod.ports()) {
      container.addPorts(ContainerPort.newBuilder().setName(p.name()).setContainerPort(p.port())
          .setHostPort(p.port()).setProtocol(p.protocol()));
    }
    PodSpec spec = PodSpec.newBuilder().addContainers(container).setNodeName(pod.nodeName()).setHostNetwork(true)
        .setRestartPolicy("Always").setDnsPolicy("ClusterFirst").setSchedulerName("default-scheduler").build();
    return Pod.newBuilder().setMetadata(meta).setSpec(spec).setStatus(status(pod, startedAt, restarts, pid, running)).build();
  }

  static PodStatus status(StaticPod pod, Instant startedAt, int restarts, long pid, boolean running) {
    Timestamp since = Timestamp.newBuilder().setSeconds(startedAt.getEpochSecond()).build();
    ContainerState state = running
        ? ContainerState.newBuilder().setRunning(ContainerStateRunning.newBuilder().setStartedAt(since)).build()
        : ContainerState.newBuilder().setWaiting(ContainerStateWaiting.newBuilder().setReason("CrashLoopBackOff")
            .setMessage("the lab restarts " + pod.component() + " with back-off")).build();
    PodStatus.Builder status = PodStatus.newBuilder().setPhase("Running")
        .setHostIp(pod.hostIp()).addHostIps(HostIP.newBuilder().setIp(pod.hostIp()))
        .setPodIp(pod.hostIp()).addPodIps(PodIP.newBuilder().setIp(pod.hostIp()))
        .setStartTime(since).setQosClass("BestEffort")
        .addContainerStatuses(ContainerStatus.newBuilder().setName(pod.containerName()).setImage(pod.image())
            .setImageId(pod.image()).setContainerId("svclab://" + pid).setReady(running).setStarted(running)
            .setRestartCount(restarts).setState(state));
    for (String type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")) {
      boolean ready = running || !(type.equals("Ready") || type.equals("ContainersReady"));
      status.addConditions(PodCondition.newBuilder().setType(type).setStatus(ready ? "True" : "False")
          .setLastTransitionTime(since));
    }
    return status.build();
  }

  /** kubelet hashes the static pod's manifest; the manifest here is the StaticPod value. */
  static String hash(StaticPod pod) {
    return UUID.nameUUIDFromBytes(pod.toString().getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
  }
}
