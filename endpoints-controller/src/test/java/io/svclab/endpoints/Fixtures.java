package io.svclab.endpoints;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Readable builders for test objects: a Service "web" in "default" and pods on node-1. */
public final class Fixtures {
  private Fixtures() {}

  public static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

  public static Service service(UnaryOperator<ServiceSpec.Builder> spec) {
    ServiceSpec.Builder builder = ServiceSpec.newBuilder()
        .setType("ClusterIP")
        .setClusterIp("10.96.0.20")
        .addIpFamilies("IPv4")
        .putSelector("app", "web")
        .addPorts(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
            .setTargetPort(IntOrString.newBuilder().setNumber(8080)));
    return Service.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default").setUid("svc-uid")
            .putLabels("team", "blue"))
        .setSpec(spec.apply(builder))
        .build();
  }

  public static Service service() {
    return service(s -> s);
  }

  public static ServicePort namedPort(String name, String targetName) {
    return ServicePort.newBuilder().setName(name).setProtocol("TCP").setPort(80)
        .setTargetPort(IntOrString.newBuilder().setName(targetName)).build();
  }

  public static Pod pod(String name, String ip, boolean ready) {
    return pod(name, ip, ready, p -> p);
  }

  public static Pod pod(String name, String ip, boolean ready, UnaryOperator<Pod.Builder> tweak) {
    PodStatus.Builder status = PodStatus.newBuilder().setPhase("Running")
        .addConditions(PodCondition.newBuilder().setType("Ready").setStatus(ready ? "True" : "False"));
    if (!ip.isEmpty()) status.setPodIp(ip).addPodIps(PodIP.newBuilder().setIp(ip));
    Pod.Builder pod = Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").setUid(name + "-uid")
            .putLabels("app", "web"))
        .setSpec(PodSpec.newBuilder().setNodeName("node-1")
            .addContainers(Container.newBuilder().setName("main")))
        .setStatus(status);
    return tweak.apply(pod).build();
  }

  public static Pod.Builder terminating(Pod.Builder pod) {
    pod.getMetadataBuilder().setDeletionTimestamp(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond()));
    return pod;
  }

  public static Pod.Builder containerPort(Pod.Builder pod, String name, int number) {
    pod.getSpecBuilder().getContainersBuilder(0)
        .addPorts(ContainerPort.newBuilder().setName(name).setContainerPort(number).setProtocol("TCP"));
    return pod;
  }

  public static Map<String, Node> nodes() {
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (int i = 1; i <= 2; i++) {
      nodes.put("node-" + i, Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-" + i)
          .putLabels(WellKnownKeys.LABEL_TOPOLOGY_ZONE, "zone-" + (char) ('a' + i - 1))).build());
    }
    return nodes;
  }
}
