package io.svclab.node.pods;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Probe;
import io.svclab.node.env.ContainerEnvironment;
import io.svclab.node.env.ServiceEnvironment;
import io.svclab.node.images.LaunchResult;
import io.svclab.node.images.Programs;
import io.svclab.node.images.Workload;
import io.svclab.node.images.WorkloadLauncher;
import io.svclab.node.terminal.AttachPoints;
import io.svclab.node.lifecycle.ContainerLifecycle;
import io.svclab.node.lifecycle.ContainerRecord;
import io.svclab.node.lifecycle.LifecycleAction;
import io.svclab.node.lifecycle.LifecycleEvent;
import io.svclab.node.lifecycle.LifecycleEvent.LaunchOutcome;
import io.svclab.node.lifecycle.PodIdentity;
import io.svclab.node.probes.ExecProbe;
import io.svclab.node.probes.ProbeState;
import io.svclab.node.probes.Prober;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One pod on this node, as an actor: it feeds what happens to each container (starts, exits,
 * probe results, timers, deletion) to {@link ContainerLifecycle} and carries out the actions it
 * returns. Blocking work (launching, probing, stopping) runs on the runtime's executor and
 * comes back as messages. After each message that changed a container, the pod's status is
 * written; on deletion the containers stop and the pod is deleted with grace 0.
 */
public final class PodWorker {
  /** What the worker reacts to. */
  public sealed interface Msg {}

  /** The pod as the informer now sees it. */
  public record PodChanged(Pod pod) implements Msg {}

  /** The pod is gone from the API: stop everything now. */
  public record PodRemoved() implements Msg {}

  /** Something happened to one container (a timer, a launch, an exit, a probe result). */
  record ContainerEvent(String container, LifecycleEvent event) implements Msg {}

  /** A launch came back: its program, when it runs, is handed over with the event. */
  record Launched(String container, LifecycleEvent.Launched event, Workload program) implements Msg {}

  record AllStopped() implements Msg {}

  private final ActorContext<Msg> ctx;
  private final TimerScheduler<Msg> timers;
  private final PodRuntime rt;
  private final String podIp;
  private final ContainerLifecycle lifecycle;
  private final Map<String, ContainerRecord> containers = new LinkedHashMap<>();
  /** The running program of each container whose record says running. */
  private final Map<String, Workload> programs = new LinkedHashMap<>();
  private Pod pod;
  private final String key;
  private final com.google.protobuf.Timestamp startTime;
  private boolean terminating;
  private boolean finished;
  private boolean dirty;
  private final Path podDir;

  private PodWorker(ActorContext<Msg> ctx, TimerScheduler<Msg> timers, PodRuntime rt, Pod pod, String podIp) {
    this.ctx = ctx;
    this.timers = timers;
    this.rt = rt;
    this.pod = pod;
    this.podIp = podIp;
    this.lifecycle = new ContainerLifecycle(PodIdentity.of(pod, podIp));
    this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    this.podDir = rt.dataDir().resolve("pods").resolve(pod.getMetadata().getNamespace() + "_"
        + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid());
    PodStatus previous = pod.getStatus();
    this.startTime = previous.hasStartTime() ? previous.getStartTime() : PodStatusBuilder.ts(rt.clock().instant());
  }

  public static Behavior<Msg> create(PodRuntime rt, Pod pod, String podIp) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new PodWorker(ctx, timers, rt, pod, podIp).start()));
  }

  private Behavior<Msg> start() {
    PodStatus previous = pod.getStatus();
    boolean adopted = !previous.getPodIp().isEmpty();
    ctx.getLog().info("{}: {} on {} (pod IP {})", key, adopted ? "re-adopted" : "starting", rt.nodeName(), podIp);
    for (Container c : pod.getSpec().getContainersList()) {
      ContainerStatus before = previous.getContainerStatusesList().stream().filter(s -> s.getName().equals(c.getName()))
          .findFirst().orElse(ContainerStatus.getDefaultInstance());
      containers.put(c.getName(), ContainerRecord.created(c, rt.images().resolve(c.getImage()).orElse(null),
          before.getRestartCount(), before.hasLastState() ? before.getLastState() : ContainerState.getDefaultInstance()));
    }
    if (pod.getSpec().getInitContainersCount() > 0) {
      ctx.getLog().warn("{}: initContainers are not run by svclab's node-agent; starting the containers", key);
    }
    if (pod.getMetadata().hasDeletionTimestamp()) {
      beginTermination();
    } else {
      List.copyOf(containers.keySet()).forEach(name -> feed(name, new LifecycleEvent.Begin(), null));
    }
    writeStatus();
    dirty = false;
    return receive();
  }

  private Behavior<Msg> receive() {
    return Behaviors.receive(Msg.class)
        .onMessage(PodChanged.class, this::onPodChanged)
        .onMessage(PodRemoved.class, m -> onRemoved())
        .onMessage(ContainerEvent.class, m -> afterwards(() -> feed(m.container(), m.event(), null)))
        .onMessage(Launched.class, m -> afterwards(() -> feed(m.container(), m.event(), m.program())))
        .onMessage(AllStopped.class, m -> onAllStopped())
        .build();
  }

  /** Handles one message, then writes the status once if any container changed. */
  private Behavior<Msg> afterwards(Runnable handle) {
    handle.run();
    if (dirty) {
      dirty = false;
      writeStatus();
    }
    return Behaviors.same();
  }

  /**
   * One event for one container: decide, keep the new record, carry out the actions.
   * {@code launched} is the program a Launched event brought, if it runs.
   */
  private void feed(String name, LifecycleEvent event, Workload launched) {
    ContainerRecord before = containers.get(name);
    if (before == null) {
      if (launched != null) rt.blocking().execute(launched::stop);
      return;
    }
    ContainerLifecycle.Decision d = lifecycle.decide(before, event, rt.clock().instant());
    containers.put(name, d.container());
    for (LifecycleAction a : d.actions()) {
      carryOut(d.container(), a, launched);
    }
    if (!containers.get(name).running()) {
      programs.remove(name);
    }
  }

  private void carryOut(ContainerRecord c, LifecycleAction action, Workload launched) {
    String name = c.name();
    if (action instanceof LifecycleAction.StartContainer s) {
      startContainer(c, s);
    } else if (action instanceof LifecycleAction.AdoptProgram a) {
      programs.put(name, launched);
      ctx.pipeToSelf(launched.exited(), (code, err) ->
          new ContainerEvent(name, new LifecycleEvent.Exited(a.generation(), code == null ? 1 : code)));
    } else if (action instanceof LifecycleAction.DiscardProgram) {
      if (launched != null) rt.blocking().execute(launched::stop);
    } else if (action instanceof LifecycleAction.KillContainer) {
      Workload w = programs.get(name);
      if (w != null) rt.blocking().execute(w::stop);
    } else if (action instanceof LifecycleAction.RecordEvent e) {
      rt.api().event(pod, "spec.containers{" + name + "}", e.type(), e.reason(), e.message());
    } else if (action instanceof LifecycleAction.ScheduleTimer t) {
      timers.startSingleTimer(t.key(), new ContainerEvent(name, t.event()), t.delay());
    } else if (action instanceof LifecycleAction.CancelTimer t) {
      timers.cancel(t.key());
    } else if (action instanceof LifecycleAction.RunProbe p) {
      runProbe(c, p);
    } else if (action instanceof LifecycleAction.WriteStatus) {
      dirty = true;
    } else if (action instanceof LifecycleAction.Log l) {
      if (l.warning()) {
        ctx.getLog().warn("{}: {}", key, l.message());
      } else {
        ctx.getLog().info("{}: {}", key, l.message());
      }
    } else if (action instanceof LifecycleAction.Count m) {
      switch (m.metric()) {
        case CONTAINER_START -> rt.metrics().containerStarts.labelValues(c.image().builtin().name().toLowerCase()).inc();
        case CONTAINER_RESTART -> rt.metrics().containerRestarts.inc();
        case IMAGE_PULL_FAILURE -> rt.metrics().imagePullFailures.inc();
      }
    } else if (action instanceof LifecycleAction.CountProbe p) {
      rt.metrics().probes.labelValues(p.kind().title(), p.success() ? "successful" : "failed").inc();
    }
  }

  // ---------------- effects ----------------

  private void startContainer(ContainerRecord c, LifecycleAction.StartContainer s) {
    String name = c.name();
    int gen = s.generation();
    Map<String, String> env;
    try {
      Map<String, String> serviceEnv = ServiceEnvironment.forPod(rt.services().get(), pod.getMetadata().getNamespace(),
          !pod.getSpec().hasEnableServiceLinks() || pod.getSpec().getEnableServiceLinks());
      env = ContainerEnvironment.build(pod, c.spec(), podIp, rt.nodeIp(), serviceEnv);
    } catch (ContainerEnvironment.EnvError e) {
      feed(name, new LifecycleEvent.ConfigFailed(gen, e.getMessage()), null);
      return;
    }
    List<String> argv = Programs.argv(c.image().builtin(), ContainerEnvironment.expandAll(c.spec().getCommandList(), env),
        ContainerEnvironment.expandAll(c.spec().getArgsList(), env));
    List<Integer> ports = c.spec().getPortsList().stream()
        .filter(p -> p.getProtocol().isEmpty() || p.getProtocol().equals("TCP"))
        .map(ContainerPort::getContainerPort).toList();
    Path dir = podDir.resolve(name);
    Consumer<String> log = ContainerLog.sink(dir.resolve(s.restartCount() + ".log"), rt.clock());
    WorkloadLauncher.Spec spec = new WorkloadLauncher.Spec(c.image(), argv, env, ContainerEnvironment.hostname(pod), podIp,
        pod.getMetadata().getNamespace(), dir.resolve("rootfs"), ports, log, rt.clusterDns().get(),
        c.spec().getStdin() ? AttachPoints.key(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), name) : "");
    CompletableFuture<LaunchResult> f = CompletableFuture.supplyAsync(() -> rt.launcher().launch(spec), rt.blocking());
    ctx.pipeToSelf(f, (r, err) -> launched(name, gen, err != null
        ? new LaunchResult.Failed(128, "StartError", String.valueOf(err)) : r));
  }

  /** A launch result as the lifecycle sees it, with a fresh runtime-style container id. */
  private static Launched launched(String name, int generation, LaunchResult r) {
    String id = "containerd://" + HexFormat.of().formatHex(randomBytes());
    LaunchOutcome outcome;
    Workload program = null;
    if (r instanceof LaunchResult.Running running) {
      outcome = new LaunchOutcome.Running();
      program = running.workload();
    } else if (r instanceof LaunchResult.Exited x) {
      outcome = new LaunchOutcome.Exited(x.code(), x.message());
    } else {
      LaunchResult.Failed f = (LaunchResult.Failed) r;
      outcome = new LaunchOutcome.Failed(f.code(), f.reason(), f.message());
    }
    return new Launched(name, new LifecycleEvent.Launched(generation, outcome, id), program);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[32];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private void runProbe(ContainerRecord c, LifecycleAction.RunProbe p) {
    Container spec = c.spec();
    Probe probe = switch (p.kind()) {
      case READINESS -> spec.getReadinessProbe();
      case LIVENESS -> spec.getLivenessProbe();
      case STARTUP -> spec.getStartupProbe();
    };
    ProbeState state = c.probes().get(p.kind());
    int timeout = state.timing().timeoutSeconds();
    Path rootfs = podDir.resolve(spec.getName()).resolve("rootfs");
    String hostname = ContainerEnvironment.hostname(pod);
    CompletableFuture<Prober.Outcome> f = CompletableFuture.supplyAsync(() -> rt.prober().run(probe, spec, podIp, timeout,
        argv -> ExecProbe.run(argv, hostname, podIp, rootfs, rt.clock())), rt.blocking());
    ctx.pipeToSelf(f, (o, err) -> {
      Prober.Outcome outcome = o != null ? o : new Prober.Outcome(false, String.valueOf(err));
      return new ContainerEvent(spec.getName(),
          new LifecycleEvent.ProbeResult(p.generation(), p.kind(), outcome.success(), outcome.output()));
    });
  }

  // ---------------- updates and termination ----------------

  private Behavior<Msg> onPodChanged(PodChanged m) {
    pod = m.pod();
    if (pod.getMetadata().hasDeletionTimestamp() && !terminating) {
      beginTermination();
    }
    return Behaviors.same();
  }

  private void beginTermination() {
    terminating = true;
    long grace = pod.getMetadata().hasDeletionGracePeriodSeconds() ? pod.getMetadata().getDeletionGracePeriodSeconds()
        : pod.getSpec().hasTerminationGracePeriodSeconds() ? pod.getSpec().getTerminationGracePeriodSeconds() : 30;
    ctx.getLog().info("{}: terminating (grace period {}s)", key, grace);
    List<CompletableFuture<Integer>> stops = new ArrayList<>();
    for (String name : List.copyOf(containers.keySet())) {
      Workload w = programs.get(name);
      feed(name, new LifecycleEvent.Terminate(), null);
      if (w != null) stops.add(w.exited());
    }
    dirty = false;
    writeStatus();
    CompletableFuture<Void> all = CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, Math.max(1, grace), TimeUnit.SECONDS);
    ctx.pipeToSelf(all, (v, e) -> new AllStopped());
  }

  private Behavior<Msg> onAllStopped() {
    for (String name : List.copyOf(containers.keySet())) {
      Workload w = programs.get(name);
      int code = w != null && w.exited().isDone() ? w.exited().join() : 137;
      feed(name, new LifecycleEvent.Stopped(code), null);
    }
    finished = true;
    ctx.getLog().info("{}: containers stopped; deleting with grace period 0", key);
    rt.api().finish(pod, status(true));
    return Behaviors.same();
  }

  private Behavior<Msg> onRemoved() {
    for (Workload w : programs.values()) {
      rt.blocking().execute(w::stop);
    }
    rt.network().release(podIp);  // ordered before the IP can be leased again (PodManager frees it after this worker stops)
    ctx.getLog().info("{}: removed from the API; pod IP {} released", key, podIp);
    return Behaviors.stopped();
  }

  // ---------------- status ----------------

  private void writeStatus() {
    if (finished) return;
    rt.api().updateStatus(pod, status(false));
  }

  PodStatus status(boolean terminal) {
    List<ContainerStatus> statuses = containers.values().stream().map(ContainerRecord::status).toList();
    return PodStatusBuilder.build(pod, statuses, podIp, rt.nodeIp(), startTime, terminal, rt.clock().instant());
  }
}
