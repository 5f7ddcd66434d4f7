package io.svclab.node.registration;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.DaemonEndpoint;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeDaemonEndpoints;
import io.svclab.api.v1.NodeSpec;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.NodeSystemInfo;
import io.svclab.api.v1.ObjectMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Node object a kubelet registers and the status it heartbeats. */
public final class NodeObject {
  private NodeObject() {}

  /**
   * @param kubeletSocket the Unix socket the kubelet API is also served on (published as the
   *     annotation {@value #KUBELET_SOCKET_ANNOTATION}), or empty
   */
  public record Config(String name, String ip, String podCidr, int kubeletPort, int maxPods, String kubeletSocket) {
    public Config(String name, String ip, String podCidr, int kubeletPort, int maxPods) {
      this(name, ip, podCidr, kubeletPort, maxPods, "");
    }
  }

  /** Read by the apiserver, which dials this socket for logs, exec, attach and port-forward (its KubeletLocation). */
  public static final String KUBELET_SOCKET_ANNOTATION = "svclab.io/kubelet-socket";

  /** The annotations the agent owns on its Node: the kubelet socket as a {@code unix://} URL when there is one. */
  public static Map<String, String> annotations(Config c) {
    return c.kubeletSocket().isEmpty() ? Map.of() : Map.of(KUBELET_SOCKET_ANNOTATION, "unix://" + c.kubeletSocket());
  }

  /** A Node registered before (by an earlier start) with this agent's spec and annotations set as {@code c} has them. */
  public static Node reconciled(Node existing, Config c) {
    ObjectMeta.Builder meta = existing.getMetadata().toBuilder().removeAnnotations(KUBELET_SOCKET_ANNOTATION)
        .putAllAnnotations(annotations(c));
    NodeSpec.Builder spec = existing.getSpec().toBuilder();
    if (!existing.getSpec().getPodCidr().equals(c.podCidr())) {
      spec.setPodCidr(c.podCidr()).clearPodCidrs().addPodCidrs(c.podCidr());
    }
    return existing.toBuilder().setMetadata(meta).setSpec(spec).build();
  }

  public static Node registration(Config c, Instant now) {
    return Node.newBuilder().setApiVersion("v1").setKind("Node")
        .setMetadata(ObjectMeta.newBuilder().setName(c.name()).putAllLabels(Map.of(
            "kubernetes.io/hostname", c.name(), "kubernetes.io/os", "linux", "kubernetes.io/arch", arch(),
            "beta.kubernetes.io/os", "linux", "beta.kubernetes.io/arch", arch())).putAllAnnotations(annotations(c)))
        .setSpec(spec(c)).setStatus(status(c, now, null)).build();
  }

  public static NodeSpec spec(Config c) {
    return NodeSpec.newBuilder().setPodCidr(c.podCidr()).addPodCidrs(c.podCidr()).build();
  }

  /** The status with every condition's heartbeat at {@code now}; transition times kept from {@code previous}. */
  public static NodeStatus status(Config c, Instant now, NodeStatus previous) {
    Timestamp ts = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
    Runtime rt = Runtime.getRuntime();
    Map<String, String> capacity = Map.of("cpu", Integer.toString(rt.availableProcessors()),
        "memory", (osMemoryKi()) + "Ki", "pods", Integer.toString(c.maxPods()), "ephemeral-storage", "20Gi");
    NodeStatus.Builder b = NodeStatus.newBuilder().putAllCapacity(capacity).putAllAllocatable(capacity)
        .addAllAddresses(List.of(
            NodeAddress.newBuilder().setType("InternalIP").setAddress(c.ip()).build(),
            NodeAddress.newBuilder().setType("ExternalIP").setAddress(c.ip()).build(),
            NodeAddress.newBuilder().setType("Hostname").setAddress(c.name()).build()))
        .setDaemonEndpoints(NodeDaemonEndpoints.newBuilder().setKubeletEndpoint(DaemonEndpoint.newBuilder().setPort(c.kubeletPort())))
        .setNodeInfo(NodeSystemInfo.newBuilder().setMachineId(c.name()).setKernelVersion(System.getProperty("os.version"))
            .setOsImage("svclab built-in runtime").setContainerRuntimeVersion("svclab://0.1.0")
            .setKubeletVersion("v1.31.0-svclab").setKubeProxyVersion("").setOperatingSystem("linux").setArchitecture(arch()));
    String[][] conditions = {
        {"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
        {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
        {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
        {"Ready", "True", "KubeletReady", "kubelet is posting ready status"}};
    for (String[] cond : conditions) {
      Timestamp transition = ts;
      if (previous != null) {
        for (NodeCondition old : previous.getConditionsList()) {
          if (old.getType().equals(cond[0]) && old.getStatus().equals(cond[1]) && old.hasLastTransitionTime()) {
            transition = old.getLastTransitionTime();
          }
        }
      }
      b.addConditions(NodeCondition.newBuilder().setType(cond[0]).setStatus(cond[1]).setReason(cond[2])
          .setMessage(cond[3]).setLastHeartbeatTime(ts).setLastTransitionTime(transition));
    }
    return b.build();
  }

  private static String arch() {
    String a = System.getProperty("os.arch");
    return a.equals("x86_64") || a.equals("amd64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
  }

  private static long osMemoryKi() {
    try {
      var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getTotalMemorySize() / 1024;
      }
    } catch (RuntimeException | LinkageError e) {
      // fall through
    }
    return Runtime.getRuntime().maxMemory() / 1024;
  }
}
