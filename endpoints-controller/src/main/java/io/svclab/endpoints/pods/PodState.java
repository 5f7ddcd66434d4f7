package io.svclab.endpoints.pods;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.Service;
import java.util.List;

/** The pod facts that decide membership and endpoint conditions (Kubernetes' podutil). */
public final class PodState {
  private PodState() {}

  /** Terminal (Succeeded/Failed) pods never run again; terminating ones still may serve. */
  public static boolean isTerminal(Pod pod) {
    String phase = pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public static boolean isTerminating(Pod pod) {
    return pod.getMetadata().hasDeletionTimestamp();
  }

  /**
   * ShouldPodBeInEndpoints: terminal pods and pods without an IP never are; terminating pods
   * are only when the caller includes them (EndpointSlices always do, to carry the
   * serving/terminating conditions; legacy Endpoints only for publishNotReadyAddresses).
   */
  public static boolean shouldBeInEndpoints(Pod pod, boolean includeTerminating) {
    if (isTerminal(pod)) return false;
    if (ips(pod).isEmpty()) return false;
    return includeTerminating || !isTerminating(pod);
  }

  /** A hostname is published only for a pod that named this Service as its subdomain. */
  public static boolean shouldSetHostname(Pod pod, Service service) {
    return !pod.getSpec().getHostname().isEmpty()
        && pod.getSpec().getSubdomain().equals(service.getMetadata().getName())
        && service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace());
  }

  /**
   * status.podIPs, in order. Fallback: status.podIP alone, for a writer that set only the
   * singular field (Kubernetes' apiserver fills podIPs from podIP; ours may not).
   */
  public static List<String> ips(Pod pod) {
    List<PodIP> podIps = pod.getStatus().getPodIpsList();
    if (!podIps.isEmpty()) return podIps.stream().map(PodIP::getIp).filter(ip -> !ip.isEmpty()).toList();
    String podIp = pod.getStatus().getPodIp();
    return podIp.isEmpty() ? List.of() : List.of(podIp);
  }
}
