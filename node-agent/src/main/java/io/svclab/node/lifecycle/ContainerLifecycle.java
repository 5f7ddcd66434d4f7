package io.svclab.node.lifecycle;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateRunning;
import io.svclab.api.v1.ContainerStateTerminated;
import io.svclab.api.v1.Probe;
import io.svclab.node.images.ImageRef;
import io.svclab.node.lifecycle.LifecycleAction.AdoptProgram;
import io.svclab.node.lifecycle.LifecycleAction.CancelTimer;
import io.svclab.node.lifecycle.LifecycleAction.Count;
import io.svclab.node.lifecycle.LifecycleAction.CountProbe;
import io.svclab.node.lifecycle.LifecycleAction.DiscardProgram;
import io.svclab.node.lifecycle.LifecycleAction.KillContainer;
import io.svclab.node.lifecycle.LifecycleAction.Log;
import io.svclab.node.lifecycle.LifecycleAction.Metric;
import io.svclab.node.lifecycle.LifecycleAction.RecordEvent;
import io.svclab.node.lifecycle.LifecycleAction.RunProbe;
import io.svclab.node.lifecycle.LifecycleAction.ScheduleTimer;
import io.svclab.node.lifecycle.LifecycleAction.StartContainer;
import io.svclab.node.lifecycle.LifecycleAction.WriteStatus;
import io.svclab.node.lifecycle.LifecycleEvent.Begin;
import io.svclab.node.lifecycle.LifecycleEvent.ConfigFailed;
import io.svclab.node.lifecycle.LifecycleEvent.Exited;
import io.svclab.node.lifecycle.LifecycleEvent.LaunchOutcome;
import io.svclab.node.lifecycle.LifecycleEvent.Launched;
import io.svclab.node.lifecycle.LifecycleEvent.ProbeDue;
import io.svclab.node.lifecycle.LifecycleEvent.ProbeResult;
import io.svclab.node.lifecycle.LifecycleEvent.PullBackOffDue;
import io.svclab.node.lifecycle.LifecycleEvent.StartDue;
import io.svclab.node.lifecycle.LifecycleEvent.Stopped;
import io.svclab.node.lifecycle.LifecycleEvent.Terminate;
import io.svclab.node.probes.ProbeState;
import io.svclab.node.probes.ProbeState.Change;
import io.svclab.node.probes.ProbeState.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * kubelet's rules for one container, without the actor: pulls, starts, restarts per
 * restartPolicy with CrashLoopBackOff ({@link RestartBackOff}), ImagePullBackOff, probes with
 * their thresholds (startup gates readiness and liveness; a liveness or startup failure kills
 * and restarts at once), deletion, and the Events and state a person sees in {@code kubectl
 * describe pod}. Every event returns the new record and the actions to carry out, so the pod
 * worker is only plumbing and this class is tested by tables. Time comes in with each event.
 */
public final class ContainerLifecycle {
  /** How long ErrImagePull shows before ImagePullBackOff. */
  static final Duration PULL_BACKOFF_DELAY = Duration.ofSeconds(1);

  /** The new record and what to do. */
  public record Decision(ContainerRecord container, List<LifecycleAction> actions) {}

  private final PodIdentity pod;

  public ContainerLifecycle(PodIdentity pod) {
    this.pod = pod;
  }

  public PodIdentity pod() { return pod; }

  public Decision decide(ContainerRecord container, LifecycleEvent event, Instant now) {
    Step s = new Step(container, now);
    if (event instanceof Begin) {
      s.pullAndStart();
    } else if (event instanceof PullBackOffDue p) {
      s.pullBackOffDue(p);
    } else if (event instanceof StartDue d) {
      s.startDue(d);
    } else if (event instanceof ConfigFailed f) {
      s.configFailed(f);
    } else if (event instanceof Launched l) {
      s.launched(l);
    } else if (event instanceof Exited x) {
      s.exited(x);
    } else if (event instanceof ProbeDue p) {
      s.probeDue(p);
    } else if (event instanceof ProbeResult r) {
      s.probeResult(r);
    } else if (event instanceof Terminate) {
      s.terminate();
    } else if (event instanceof Stopped x) {
      s.stopped(x);
    }
    return new Decision(s.c.build(), List.copyOf(s.actions));
  }

  /** Timer keys, one per purpose: a new timer of a key replaces the old one. */
  public static String pullTimer(String container) { return container + "/pull"; }

  public static String startTimer(String container) { return container + "/start"; }

  public static String probeTimer(String container, Kind kind) { return container + "/" + kind; }

  /** One decision in progress: the record being changed and the actions so far. */
  private final class Step {
    final ContainerRecord.Builder c;
    final Instant now;
    final String name;
    final List<LifecycleAction> actions = new ArrayList<>();

    Step(ContainerRecord record, Instant now) {
      this.c = record.toBuilder();
      this.now = now;
      this.name = record.name();
    }

    private void event(String type, String reason, String message) {
      actions.add(new RecordEvent(type, reason, message));
    }

    private void log(String message) {
      actions.add(new Log(false, message));
    }

    private void warn(String message) {
      actions.add(new Log(true, message));
    }

    private boolean stale(int generation) {
      return c.generation != generation;
    }

    // ---------------- starting ----------------

    void pullAndStart() {
      String image = c.spec().getImage();
      if (c.image() == null) {
        c.pulls++;
        String canonical = ImageRef.parse(image).canonical();
        String err = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + canonical
            + "\": failed to resolve reference \"" + canonical + "\": " + canonical + ": not found";
        actions.add(new Count(Metric.IMAGE_PULL_FAILURE));
        event("Normal", "Pulling", "Pulling image \"" + image + "\"");
        event("Warning", "Failed", "Failed to pull image \"" + image + "\": " + err);
        event("Warning", "Failed", "Error: ErrImagePull");
        warn("container " + name + ": failed to pull image \"" + image + "\": not a built-in image");
        c.state = ContainerRecord.waiting("ErrImagePull", err);
        actions.add(new ScheduleTimer(pullTimer(name), new PullBackOffDue(c.generation), PULL_BACKOFF_DELAY));
        actions.add(new WriteStatus());
        return;
      }
      event("Normal", "Pulled", "Container image \"" + image + "\" already present on machine");
      launch();
    }

    void pullBackOffDue(PullBackOffDue m) {
      if (c.terminating || stale(m.generation())) return;
      String image = c.spec().getImage();
      c.state = ContainerRecord.waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
      event("Normal", "BackOff", "Back-off pulling image \"" + image + "\"");
      event("Warning", "Failed", "Error: ImagePullBackOff");
      actions.add(new WriteStatus());
      // kubelet's image back-off: 10 s doubling per failed pull, at most 5 min
      long seconds = Math.min(RestartBackOff.MAX.toSeconds(),
          RestartBackOff.INITIAL.toSeconds() << Math.min(5, c.pulls - 1));
      actions.add(new ScheduleTimer(startTimer(name), new StartDue(c.generation), Duration.ofSeconds(seconds)));
    }

    private void launch() {
      c.generation++;
      actions.add(new StartContainer(c.generation, c.restartCount));
      actions.add(new WriteStatus());
    }

    void configFailed(ConfigFailed m) {
      if (stale(m.generation())) return;
      c.state = ContainerRecord.waiting("CreateContainerConfigError", m.message());
      event("Warning", "Failed", "Error: " + m.message());
      warn("container " + name + ": " + m.message());
      actions.add(new WriteStatus());
    }

    void launched(Launched m) {
      if (stale(m.generation()) || c.terminating) {
        if (m.outcome() instanceof LaunchOutcome.Running) actions.add(new DiscardProgram());
        return;
      }
      c.containerId = m.containerId();
      Timestamp ts = timestamp(now);
      actions.add(new Count(Metric.CONTAINER_START));
      LaunchOutcome outcome = m.outcome();
      if (outcome instanceof LaunchOutcome.Running) {
        c.killing = false;
        c.state = ContainerState.newBuilder().setRunning(ContainerStateRunning.newBuilder().setStartedAt(ts)).build();
        event("Normal", "Created", "Created container " + name);
        event("Normal", "Started", "Started container " + name);
        log("container " + name + " started (" + (c.image() != null ? c.image().image() : c.spec().getImage())
            + " on " + pod.podIp() + ")");
        actions.add(new AdoptProgram(c.generation));
        startProbes();
      } else if (outcome instanceof LaunchOutcome.Exited x) {
        event("Normal", "Created", "Created container " + name);
        event("Normal", "Started", "Started container " + name);
        terminated(x.code(), x.code() == 0 ? "Completed" : "Error", x.message(), ts);
      } else if (outcome instanceof LaunchOutcome.Failed f) {
        event("Warning", "Failed", "Error: " + f.message());
        warn("container " + name + " failed to start: " + f.message());
        terminated(f.code(), f.reason(), f.message(), ts);
      }
      actions.add(new WriteStatus());
    }

    /** Startup first, then readiness and liveness, each after its initialDelaySeconds. */
    private void startProbes() {
      var spec = c.spec();
      c.probes.clear();
      addProbe(Kind.STARTUP, spec.getStartupProbe(), spec.hasStartupProbe());
      addProbe(Kind.READINESS, spec.getReadinessProbe(), spec.hasReadinessProbe());
      addProbe(Kind.LIVENESS, spec.getLivenessProbe(), spec.hasLivenessProbe());
      c.started = !c.probes.containsKey(Kind.STARTUP);
      c.ready = c.started && !c.probes.containsKey(Kind.READINESS);
    }

    private void addProbe(Kind kind, Probe probe, boolean present) {
      if (!present) return;
      ProbeState.Timing t = ProbeState.Timing.of(probe);
      c.probes.put(kind, ProbeState.initial(kind, t));
      actions.add(new ScheduleTimer(probeTimer(name, kind), new ProbeDue(c.generation, kind),
          Duration.ofSeconds(t.initialDelaySeconds())));
    }

    // ---------------- exits and restarts ----------------

    void exited(Exited m) {
      if (stale(m.generation()) || !c.running() || c.terminating) return;
      log("container " + name + " exited with code " + m.code());
      terminated(m.code(), m.code() == 0 ? "Completed" : "Error", "", c.state.getRunning().getStartedAt());
      actions.add(new WriteStatus());
    }

    /** The container ended: record it, then restart it per the pod's restartPolicy. */
    private void terminated(int code, String reason, String message, Timestamp startedAt) {
      c.ready = false;
      c.started = false;
      c.state = ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder().setExitCode(code)
          .setReason(reason).setMessage(message).setStartedAt(startedAt).setFinishedAt(timestamp(now))
          .setContainerId(c.containerId)).build();
      if (!pod.restarts(code) || c.terminating) return;
      if (c.killing) {
        c.killing = false;
        c.backOff = RestartBackOff.restartedAfterKill(now);
        restart();
      } else if (c.backOff.holds(now, now)) {
        c.lastState = c.state;
        c.state = ContainerRecord.waiting("CrashLoopBackOff", "back-off " + c.backOff.windowText()
            + " restarting failed container=" + name + " pod=" + pod.formatted());
        event("Warning", "BackOff", "Back-off restarting failed container " + name + " in pod " + pod.formatted());
        actions.add(new ScheduleTimer(startTimer(name), new StartDue(c.generation), c.backOff.remaining(now, now)));
      } else {
        c.backOff = c.backOff.next(now, now);
        restart();
      }
    }

    private void restart() {
      if (c.state.hasTerminated()) c.lastState = c.state;
      c.restartCount++;
      actions.add(new Count(Metric.CONTAINER_RESTART));
      c.state = ContainerRecord.waiting("ContainerCreating", "");
      log("restarting container " + name + " (restart " + c.restartCount + ")");
      launch();
    }

    void startDue(StartDue m) {
      if (c.terminating || stale(m.generation())) return;
      if (c.image() == null) {
        pullAndStart();
        return;
      }
      Instant finishedAt = c.lastState.hasTerminated()
          ? Instant.ofEpochSecond(c.lastState.getTerminated().getFinishedAt().getSeconds()) : now;
      c.backOff = c.backOff.next(finishedAt, now);
      restart();
    }

    // ---------------- probes ----------------

    private boolean probing(int generation) {
      return !stale(generation) && c.running() && !c.terminating && !c.killing;
    }

    void probeDue(ProbeDue m) {
      ProbeState state = c.probes.get(m.kind());
      if (!probing(m.generation()) || state == null) return;
      if (m.kind() != Kind.STARTUP && !c.started) {
        // startup gates the others: look again a period later
        actions.add(new ScheduleTimer(probeTimer(name, m.kind()), m, Duration.ofSeconds(state.timing().periodSeconds())));
        return;
      }
      actions.add(new RunProbe(m.kind(), m.generation()));
    }

    void probeResult(ProbeResult m) {
      ProbeState state = c.probes.get(m.kind());
      if (!probing(m.generation()) || state == null) return;
      actions.add(new CountProbe(m.kind(), m.success()));
      if (!m.success()) {
        event("Warning", "Unhealthy", m.kind().title() + " probe failed: " + m.output());
      }
      ProbeState.Observed observed = state.observe(m.success());
      c.probes.put(m.kind(), observed.state());
      Change change = observed.change();
      switch (m.kind()) {
        case READINESS -> {
          if (change != Change.NONE) {
            c.ready = observed.state().success();
            log("container " + name + " " + (c.ready ? "ready" : "not ready: " + m.output()));
            actions.add(new WriteStatus());
          }
        }
        case STARTUP -> {
          if (change == Change.BECAME_SUCCESS) {
            c.started = true;
            c.ready = !c.probes.containsKey(Kind.READINESS);
            c.probes.remove(Kind.STARTUP);
            actions.add(new WriteStatus());
          } else if (change == Change.BECAME_FAILURE) {
            kill("Container " + name + " failed startup probe, will be restarted");
            return;
          }
        }
        case LIVENESS -> {
          if (change == Change.BECAME_FAILURE) {
            kill("Container " + name + " failed liveness probe, will be restarted");
            return;
          }
        }
      }
      if (c.probes.containsKey(m.kind())) {
        actions.add(new ScheduleTimer(probeTimer(name, m.kind()), new ProbeDue(m.generation(), m.kind()),
            Duration.ofSeconds(observed.state().timing().periodSeconds())));
      }
    }

    private void kill(String message) {
      log(message);
      event("Normal", "Killing", message);
      c.killing = true;
      c.ready = false;
      actions.add(new KillContainer());
      actions.add(new WriteStatus());
    }

    // ---------------- deletion ----------------

    void terminate() {
      if (c.terminating) return;
      c.terminating = true;
      c.ready = false;
      actions.add(new CancelTimer(startTimer(name)));
      actions.add(new CancelTimer(pullTimer(name)));
      if (c.running()) {
        event("Normal", "Killing", "Stopping container " + name);
        actions.add(new KillContainer());
      }
      actions.add(new WriteStatus());
    }

    void stopped(Stopped m) {
      if (c.running()) {
        c.state = ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder().setExitCode(m.code())
            .setReason(m.code() == 0 ? "Completed" : "Error").setStartedAt(c.state.getRunning().getStartedAt())
            .setFinishedAt(timestamp(now)).setContainerId(c.containerId)).build();
      }
      c.ready = false;
      c.started = false;
    }
  }

  static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
  }
}
