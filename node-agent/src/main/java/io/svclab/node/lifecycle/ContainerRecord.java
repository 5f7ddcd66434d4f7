package io.svclab.node.lifecycle;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateWaiting;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.node.images.ImageCatalog;
import io.svclab.node.probes.ProbeState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One container's state on this node, immutable: what {@link ContainerLifecycle} reads and
 * returns. {@code generation} counts starts, so results of an earlier start can be told apart.
 *
 * @param image       the built-in image the spec's image resolved to, or null when there is none
 * @param killing     a liveness or startup failure is stopping it; it restarts at once
 * @param terminating the pod is being deleted; it never restarts
 * @param pulls       failed image pulls so far (the pull back-off grows with them)
 * @param probes      the running container's probes (startup is dropped once it succeeded)
 */
public record ContainerRecord(Container spec, ImageCatalog.Resolved image, int generation, ContainerState state,
    ContainerState lastState, int restartCount, String containerId, boolean ready, boolean started, boolean killing,
    boolean terminating, RestartBackOff backOff, int pulls, Map<ProbeState.Kind, ProbeState> probes) {

  public ContainerRecord {
    probes = Collections.unmodifiableMap(probes.isEmpty() ? new EnumMap<>(ProbeState.Kind.class) : new EnumMap<>(probes));
  }

  /**
   * A container before its first start on this node; a pod adopted after an agent restart keeps
   * its restart count and last state from the previous status.
   */
  public static ContainerRecord created(Container spec, ImageCatalog.Resolved image, int restartCount,
      ContainerState lastState) {
    return new ContainerRecord(spec, image, 0, waiting("ContainerCreating", ""), lastState, restartCount, "", false,
        false, false, false, RestartBackOff.NONE, 0, Map.of());
  }

  public String name() { return spec.getName(); }

  public boolean running() { return state.hasRunning(); }

  /** The container's entry in the pod's status, as kubelet reports it. */
  public ContainerStatus status() {
    return ContainerStatus.newBuilder().setName(spec.getName())
        .setImage(image != null ? image.image() : spec.getImage())
        .setImageId(image != null && !containerId.isEmpty() ? image.imageId() : "")
        .setContainerId(containerId).setReady(ready).setRestartCount(restartCount)
        .setStarted(running() && started).setState(state).setLastState(lastState).build();
  }

  static ContainerState waiting(String reason, String message) {
    return ContainerState.newBuilder().setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).setMessage(message))
        .build();
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  /** A changed copy; only the lifecycle rules change records. */
  static final class Builder {
    private final Container spec;
    private final ImageCatalog.Resolved image;
    int generation;
    ContainerState state;
    ContainerState lastState;
    int restartCount;
    String containerId;
    boolean ready;
    boolean started;
    boolean killing;
    boolean terminating;
    RestartBackOff backOff;
    int pulls;
    final Map<ProbeState.Kind, ProbeState> probes;

    private Builder(ContainerRecord r) {
      spec = r.spec;
      image = r.image;
      generation = r.generation;
      state = r.state;
      lastState = r.lastState;
      restartCount = r.restartCount;
      containerId = r.containerId;
      ready = r.ready;
      started = r.started;
      killing = r.killing;
      terminating = r.terminating;
      backOff = r.backOff;
      pulls = r.pulls;
      probes = new EnumMap<>(ProbeState.Kind.class);
      probes.putAll(r.probes);
    }

    boolean running() { return state.hasRunning(); }

    Container spec() { return spec; }

    ImageCatalog.Resolved image() { return image; }

    ContainerRecord build() {
      return new ContainerRecord(spec, image, generation, state, lastState, restartCount, containerId, ready, started,
          killing, terminating, backOff, pulls, probes);
    }
  }
}
