package io.svclab.node.pods;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.HostIP;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.ResourceRequirements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's status as kubelet computes it from its containers' statuses: the phase
 * (kubelet's getPhase), the conditions PodScheduled, Initialized, ContainersReady and Ready
 * (with transition times kept while a condition's status does not change), IPs, start time
 * and QoS class.
 */
public final class PodStatusBuilder {
  private PodStatusBuilder() {}

  public static final String POD_SCHEDULED = "PodScheduled";
  public static final String INITIALIZED = "Initialized";
  public static final String CONTAINERS_READY = "ContainersReady";
  public static final String READY = "Ready";

  /**
   * @param pod        the pod as last seen (its spec, and its previous status for transition times)
   * @param containers one status per spec container, in spec order
   * @param terminal   the pod was stopped for deletion: its phase becomes Succeeded or Failed
   */
  public static PodStatus build(Pod pod, List<ContainerStatus> containers, String podIp, String hostIp,
      Timestamp startTime, boolean terminal, Instant now) {
    String phase = phase(pod.getSpec().getRestartPolicy(), pod.getSpec().getContainersList(), containers, terminal);
    PodStatus previous = pod.getStatus();
    Timestamp ts = ts(now);
    PodStatus.Builder b = PodStatus.newBuilder().setPhase(phase);
    if (!hostIp.isEmpty()) {
      b.setHostIp(hostIp).addHostIps(HostIP.newBuilder().setIp(hostIp));
    }
    if (!podIp.isEmpty()) {
      b.setPodIp(podIp).addPodIps(PodIP.newBuilder().setIp(podIp));
    }
    if (startTime != null) {
      b.setStartTime(startTime);
    }
    b.addAllContainerStatuses(containers);
    boolean done = phase.equals("Succeeded") || phase.equals("Failed");
    List<String> unready = new ArrayList<>();
    for (Container c : pod.getSpec().getContainersList()) {
      boolean ready = containers.stream().anyMatch(s -> s.getName().equals(c.getName()) && s.getReady());
      if (!ready) unready.add(c.getName());
    }
    PodCondition initialized = condition(INITIALIZED, "True", "", "");
    PodCondition containersReady;
    PodCondition ready;
    if (done) {
      containersReady = condition(CONTAINERS_READY, "False", "PodCompleted", "");
      ready = condition(READY, "False", "PodCompleted", "");
    } else if (unready.isEmpty()) {
      containersReady = condition(CONTAINERS_READY, "True", "", "");
      ready = condition(READY, "True", "", "");
    } else {
      String message = "containers with unready status: [" + String.join(" ", unready) + "]";
      containersReady = condition(CONTAINERS_READY, "False", "ContainersNotReady", message);
      ready = condition(READY, "False", "ContainersNotReady", message);
    }
    PodCondition scheduled = find(previous, POD_SCHEDULED).orElse(condition(POD_SCHEDULED, "True", "", ""));
    for (PodCondition c : List.of(initialized, ready, containersReady, scheduled)) {
      b.addConditions(withTransition(c, previous, ts));
    }
    b.setQosClass(qosClass(pod.getSpec().getContainersList()));
    return b.build();
  }

  /** kubelet's getPhase for the regular containers. */
  public static String phase(String restartPolicy, List<Container> spec, List<ContainerStatus> statuses, boolean terminal) {
    int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
    for (Container c : spec) {
      Optional<ContainerStatus> s = statuses.stream().filter(x -> x.getName().equals(c.getName())).findFirst();
      if (s.isEmpty()) {
        unknown++;
        continue;
      }
      var state = s.get().getState();
      if (state.hasRunning()) {
        running++;
      } else if (state.hasTerminated()) {
        stopped++;
        if (state.getTerminated().getExitCode() == 0) succeeded++;
      } else if (state.hasWaiting()) {
        if (s.get().getLastState().hasTerminated()) {
          stopped++;
        } else {
          waiting++;
        }
      } else {
        unknown++;
      }
    }
    if (terminal && running == 0 && unknown == 0 && waiting == 0) {
      return stopped == succeeded ? "Succeeded" : "Failed";
    }
    if (waiting > 0) return "Pending";
    if (running > 0 && unknown == 0) return "Running";
    if (running == 0 && stopped > 0 && unknown == 0) {
      if ("Never".equals(restartPolicy) || "OnFailure".equals(restartPolicy) && stopped == succeeded) {
        return stopped == succeeded ? "Succeeded" : "Failed";
      }
      return "Running";
    }
    return "Pending";
  }

  static String qosClass(List<Container> containers) {
    boolean any = false;
    boolean guaranteed = true;
    for (Container c : containers) {
      ResourceRequirements r = c.getResources();
      if (!r.getRequestsMap().isEmpty() || !r.getLimitsMap().isEmpty()) any = true;
      Map<String, String> limits = r.getLimitsMap();
      if (!limits.containsKey("cpu") || !limits.containsKey("memory")) {
        guaranteed = false;
        continue;
      }
      for (var e : r.getRequestsMap().entrySet()) {
        if (!e.getValue().equals(limits.get(e.getKey()))) guaranteed = false;
      }
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }

  private static PodCondition condition(String type, String status, String reason, String message) {
    return PodCondition.newBuilder().setType(type).setStatus(status).setReason(reason).setMessage(message).build();
  }

  private static Optional<PodCondition> find(PodStatus status, String type) {
    return status.getConditionsList().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  private static PodCondition withTransition(PodCondition c, PodStatus previous, Timestamp now) {
    Optional<PodCondition> old = find(previous, c.getType());
    Timestamp t = old.filter(o -> o.getStatus().equals(c.getStatus()) && o.hasLastTransitionTime())
        .map(PodCondition::getLastTransitionTime).orElse(c.hasLastTransitionTime() ? c.getLastTransitionTime() : now);
    return c.toBuilder().setLastTransitionTime(t).build();
  }

  public static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
  }
}
