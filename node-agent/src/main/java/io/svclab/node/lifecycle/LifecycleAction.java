package io.svclab.node.lifecycle;

import io.svclab.node.probes.ProbeState;
import java.time.Duration;

/** What {@link ContainerLifecycle} tells the pod worker to do for one container. */
public sealed interface LifecycleAction {
  /** Build the environment and launch the program; answer with Launched or ConfigFailed of {@code generation}. */
  record StartContainer(int generation, int restartCount) implements LifecycleAction {}

  /** The launched program is the container now: keep it and answer its end with Exited. */
  record AdoptProgram(int generation) implements LifecycleAction {}

  /** A launch that came back too late (a newer start, or the pod is terminating): stop that program. */
  record DiscardProgram() implements LifecycleAction {}

  /** Stop the container's running program (SIGTERM); its end comes back as Exited. */
  record KillContainer() implements LifecycleAction {}

  /** An Event about the container ({@code spec.containers{name}}). */
  record RecordEvent(String type, String reason, String message) implements LifecycleAction {}

  /** Deliver {@code event} after {@code delay}, replacing the container's earlier timer of the same {@code key}. */
  record ScheduleTimer(String key, LifecycleEvent event, Duration delay) implements LifecycleAction {}

  record CancelTimer(String key) implements LifecycleAction {}

  /** Run the probe of this kind; answer with ProbeResult. */
  record RunProbe(ProbeState.Kind kind, int generation) implements LifecycleAction {}

  /** The container's status changed: the pod's status is to be written. */
  record WriteStatus() implements LifecycleAction {}

  /** One log line a person cares about (the worker prefixes the pod). */
  record Log(boolean warning, String message) implements LifecycleAction {}

  /** Count it in the node-agent's metrics. */
  record Count(Metric metric) implements LifecycleAction {}

  enum Metric { CONTAINER_START, CONTAINER_RESTART, IMAGE_PULL_FAILURE }

  /** A probe's result was taken (node_agent_probes_total). */
  record CountProbe(ProbeState.Kind kind, boolean success) implements LifecycleAction {}
}
