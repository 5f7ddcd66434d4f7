package io.svclab.node.lifecycle;

import io.svclab.node.probes.ProbeState;

/**
 * What happens to one container, as {@link ContainerLifecycle} sees it. Events that carry a
 * {@code generation} belong to one start of the container; a stale one (from an earlier start) is
 * ignored. The time of the event is passed beside it, never read.
 */
public sealed interface LifecycleEvent {
  /** The pod worker starts: pull (built-in images are always present) and start the container. */
  record Begin() implements LifecycleEvent {}

  /** Timer: the pause after a failed pull is over; show ImagePullBackOff. */
  record PullBackOffDue(int generation) implements LifecycleEvent {}

  /** Timer: a back-off (crash loop or image pull) is over; try again. */
  record StartDue(int generation) implements LifecycleEvent {}

  /** The container's environment could not be built (e.g. a configMapKeyRef). */
  record ConfigFailed(int generation, String message) implements LifecycleEvent {}

  /** The runtime started the program; {@code containerId} is fresh for this start. */
  record Launched(int generation, LaunchOutcome outcome, String containerId) implements LifecycleEvent {}

  /** The running program ended by itself (or after a kill) with {@code code}. */
  record Exited(int generation, int code) implements LifecycleEvent {}

  /** Timer: time to run a probe. */
  record ProbeDue(int generation, ProbeState.Kind kind) implements LifecycleEvent {}

  /** A probe ran. */
  record ProbeResult(int generation, ProbeState.Kind kind, boolean success, String output) implements LifecycleEvent {}

  /** The pod is being deleted: stop, and never restart. */
  record Terminate() implements LifecycleEvent {}

  /** The grace period is over (or every container stopped): the final state, {@code code} 137 for a killed one. */
  record Stopped(int code) implements LifecycleEvent {}

  /** How a start went, without the running program itself (the worker keeps that). */
  sealed interface LaunchOutcome {
    record Running() implements LaunchOutcome {}

    /** The program ran and ended straight away. */
    record Exited(int code, String message) implements LaunchOutcome {}

    /** The program could not start. */
    record Failed(int code, String reason, String message) implements LaunchOutcome {}
  }
}
