package io.svclab.node.pods;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateRunning;
import io.svclab.api.v1.ContainerStateTerminated;
import io.svclab.api.v1.ContainerStateWaiting;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Probe;
import io.svclab.node.env.ContainerEnvironment;
import io.svclab.node.env.ServiceEnvironment;
import io.svclab.node.images.ImageCatalog;
import io.svclab.node.images.LaunchResult;
import io.svclab.node.images.Programs;
import io.svclab.node.images.Workload;
import io.svclab.node.images.WorkloadLauncher;
import io.svclab.node.probes.ProbeState;
import io.svclab.node.probes.Prober;
import io.svclab.node.shell.ShellContext;
import io.svclab.node.shell.ShellInterpreter;
import io.svclab.node.shell.ShellOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
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
 * One pod on this node, as an actor that owns its containers' state: starts them (blocking work
 * runs on the runtime's executor and comes back as messages), restarts them per restartPolicy
 * with kubelet's back-off, runs their probes on timers, writes the pod's status after every
 * change, and on deletion stops the containers and deletes the pod with grace 0.
 */
public final class PodWorker {
  /** What the worker reacts to. */
  public sealed interface Msg {}

  /** The pod as the informer now sees it. */
  public record PodChanged(Pod pod) implements Msg {}

  /** The pod is gone from the API: stop everything now. */
  public record PodRemoved() implements Msg {}

  record Launched(String container, int generation, LaunchResult result) implements Msg {}

  record Exited(String container, int generation, int code) implements Msg {}

  record ProbeTick(String container, int generation, ProbeState.Kind kind) implements Msg {}

  record ProbeDone(String container, int generation, ProbeState.Kind kind, Prober.Outcome outcome) implements Msg {}

  record StartDue(String container, int generation) implements Msg {}

  record PullBackOff(String container, int generation) implements Msg {}

  record AllStopped() implements Msg {}

  static final Duration BACKOFF_INITIAL = Duration.ofSeconds(10);
  static final Duration BACKOFF_MAX = Duration.ofSeconds(300);
  static final Duration PULL_BACKOFF_DELAY = Duration.ofSeconds(1);

  /** One container's state, owned by the actor. */
  private static final class Ctr {
    final Container spec;
    final ImageCatalog.Resolved image;
    int generation;
    ContainerState state;
    ContainerState lastState = ContainerState.getDefaultInstance();
    int restartCount;
    String containerId = "";
    boolean ready;
    boolean started;
    Workload workload;
    boolean killing;
    Duration backoff = Duration.ZERO;
    int pulls;
    final Map<ProbeState.Kind, ProbeState> probes = new LinkedHashMap<>();

    Ctr(Container spec, ImageCatalog.Resolved image) {
      this.spec = spec;
      this.image = image;
    }

    boolean running() { return state != null && state.hasRunning(); }
  }

  private final ActorContext<Msg> ctx;
  private final TimerScheduler<Msg> timers;
  private final PodRuntime rt;
  private final String podIp;
  private final Map<String, Ctr> containers = new LinkedHashMap<>();
  private Pod pod;
  private final String key;
  private Timestamp startTime;
  private boolean terminating;
  private boolean finished;
  private final Path podDir;

  private PodWorker(ActorContext<Msg> ctx, TimerScheduler<Msg> timers, PodRuntime rt, Pod pod, String podIp) {
    this.ctx = ctx;
    this.timers = timers;
    this.rt = rt;
    this.pod = pod;
    this.podIp = podIp;
    this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    this.podDir = rt.dataDir().resolve("pods").resolve(pod.getMetadata().getNamespace() + "_"
        + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid());
  }

  public static Behavior<Msg> create(PodRuntime rt, Pod pod, String podIp) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new PodWorker(ctx, timers, rt, pod, podIp).start()));
  }

  private Behavior<Msg> start() {
    PodStatus previous = pod.getStatus();
    startTime = previous.hasStartTime() ? previous.getStartTime() : PodStatusBuilder.ts(rt.clock().instant());
    boolean adopted = !previous.getPodIp().isEmpty();
    ctx.getLog().info("{}: {} on {} (pod IP {})", key, adopted ? "re-adopted" : "starting", rt.nodeName(), podIp);
    for (Container c : pod.getSpec().getContainersList()) {
      Ctr ctr = new Ctr(c, rt.images().resolve(c.getImage()).orElse(null));
      previous.getContainerStatusesList().stream().filter(s -> s.getName().equals(c.getName())).findFirst()
          .ifPresent(s -> {
            ctr.restartCount = s.getRestartCount();
            ctr.lastState = s.getLastState();
          });
      ctr.state = waiting("ContainerCreating", "");
      containers.put(c.getName(), ctr);
    }
    if (pod.getSpec().getInitContainersCount() > 0) {
      ctx.getLog().warn("{}: initContainers are not run by svclab's node-agent; starting the containers", key);
    }
    if (pod.getMetadata().hasDeletionTimestamp()) {
      beginTermination();
    } else {
      containers.values().forEach(this::pullAndStart);
    }
    writeStatus();
    return receive();
  }

  private Behavior<Msg> receive() {
    return Behaviors.receive(Msg.class)
        .onMessage(PodChanged.class, this::onPodChanged)
        .onMessage(PodRemoved.class, m -> onRemoved())
        .onMessage(Launched.class, this::onLaunched)
        .onMessage(Exited.class, this::onExited)
        .onMessage(ProbeTick.class, this::onProbeTick)
        .onMessage(ProbeDone.class, this::onProbeDone)
        .onMessage(StartDue.class, this::onStartDue)
        .onMessage(PullBackOff.class, this::onPullBackOff)
        .onMessage(AllStopped.class, m -> onAllStopped())
        .build();
  }

  // ---------------- starting ----------------

  private void pullAndStart(Ctr c) {
    String field = "spec.containers{" + c.spec.getName() + "}";
    if (c.image == null) {
      c.pulls++;
      String image = c.spec.getImage();
      String canonical = io.svclab.node.images.ImageRef.parse(image).canonical();
      String err = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + canonical
          + "\": failed to resolve reference \"" + canonical + "\": " + canonical + ": not found";
      rt.metrics().imagePullFailures.inc();
      rt.api().event(pod, field, "Normal", "Pulling", "Pulling image \"" + image + "\"");
      rt.api().event(pod, field, "Warning", "Failed", "Failed to pull image \"" + image + "\": " + err);
      rt.api().event(pod, field, "Warning", "Failed", "Error: ErrImagePull");
      ctx.getLog().warn("{}: container {}: failed to pull image \"{}\": not a built-in image", key, c.spec.getName(), image);
      c.state = waiting("ErrImagePull", err);
      timers.startSingleTimer(c.spec.getName() + "/pull", new PullBackOff(c.spec.getName(), c.generation), PULL_BACKOFF_DELAY);
      return;
    }
    rt.api().event(pod, field, "Normal", "Pulled", "Container image \"" + c.spec.getImage() + "\" already present on machine");
    launch(c);
  }

  private Behavior<Msg> onPullBackOff(PullBackOff m) {
    Ctr c = containers.get(m.container());
    if (c == null || terminating || c.generation != m.generation()) return Behaviors.same();
    String field = "spec.containers{" + c.spec.getName() + "}";
    String image = c.spec.getImage();
    c.state = waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
    rt.api().event(pod, field, "Normal", "BackOff", "Back-off pulling image \"" + image + "\"");
    rt.api().event(pod, field, "Warning", "Failed", "Error: ImagePullBackOff");
    writeStatus();
    long seconds = Math.min(BACKOFF_MAX.toSeconds(), BACKOFF_INITIAL.toSeconds() << Math.min(5, c.pulls - 1));
    timers.startSingleTimer(c.spec.getName() + "/start", new StartDue(c.spec.getName(), c.generation), Duration.ofSeconds(seconds));
    return Behaviors.same();
  }

  private void launch(Ctr c) {
    c.generation++;
    int gen = c.generation;
    String name = c.spec.getName();
    Map<String, String> env;
    try {
      Map<String, String> serviceEnv = ServiceEnvironment.forPod(rt.services().get(), pod.getMetadata().getNamespace(),
          !pod.getSpec().hasEnableServiceLinks() || pod.getSpec().getEnableServiceLinks());
      env = ContainerEnvironment.build(pod, c.spec, podIp, rt.nodeIp(), serviceEnv);
    } catch (ContainerEnvironment.EnvError e) {
      c.state = waiting("CreateContainerConfigError", e.getMessage());
      rt.api().event(pod, "spec.containers{" + name + "}", "Warning", "Failed", "Error: " + e.getMessage());
      ctx.getLog().warn("{}: container {}: {}", key, name, e.getMessage());
      return;
    }
    List<String> argv = Programs.argv(c.image.builtin(), ContainerEnvironment.expandAll(c.spec.getCommandList(), env),
        ContainerEnvironment.expandAll(c.spec.getArgsList(), env));
    List<Integer> ports = c.spec.getPortsList().stream()
        .filter(p -> p.getProtocol().isEmpty() || p.getProtocol().equals("TCP"))
        .map(ContainerPort::getContainerPort).toList();
    Path dir = podDir.resolve(name);
    Consumer<String> log = logSink(dir.resolve(c.restartCount + ".log"));
    WorkloadLauncher.Spec spec = new WorkloadLauncher.Spec(c.image, argv, env, ContainerEnvironment.hostname(pod), podIp,
        pod.getMetadata().getNamespace(), dir.resolve("rootfs"), ports, log, rt.clusterDns().get());
    CompletableFuture<LaunchResult> f = CompletableFuture.supplyAsync(() -> rt.launcher().launch(spec), rt.blocking());
    ctx.pipeToSelf(f, (r, err) -> new Launched(name, gen, err != null
        ? new LaunchResult.Failed(128, "StartError", String.valueOf(err)) : r));
  }

  private static Consumer<String> logSink(Path file) {
    return line -> {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, java.time.Instant.now() + " stdout F " + line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        // a log that cannot be written is not a reason to fail the container
      }
    };
  }

  private Behavior<Msg> onLaunched(Launched m) {
    Ctr c = containers.get(m.container());
    if (c == null || c.generation != m.generation()) {
      if (m.result() instanceof LaunchResult.Running r) r.workload().stop();
      return Behaviors.same();
    }
    if (terminating) {
      if (m.result() instanceof LaunchResult.Running r) r.workload().stop();
      return Behaviors.same();
    }
    String field = "spec.containers{" + c.spec.getName() + "}";
    c.containerId = "containerd://" + HexFormat.of().formatHex(randomBytes());
    Timestamp now = now();
    rt.metrics().containerStarts.labelValues(c.image.builtin().name().toLowerCase()).inc();
    if (m.result() instanceof LaunchResult.Running r) {
      c.workload = r.workload();
      c.killing = false;
      c.state = ContainerState.newBuilder().setRunning(ContainerStateRunning.newBuilder().setStartedAt(now)).build();
      rt.api().event(pod, field, "Normal", "Created", "Created container " + c.spec.getName());
      rt.api().event(pod, field, "Normal", "Started", "Started container " + c.spec.getName());
      ctx.getLog().info("{}: container {} started ({} on {})", key, c.spec.getName(), c.image.image(), podIp);
      c.probes.clear();
      addProbe(c, ProbeState.Kind.STARTUP, c.spec.getStartupProbe(), c.spec.hasStartupProbe());
      addProbe(c, ProbeState.Kind.READINESS, c.spec.getReadinessProbe(), c.spec.hasReadinessProbe());
      addProbe(c, ProbeState.Kind.LIVENESS, c.spec.getLivenessProbe(), c.spec.hasLivenessProbe());
      c.started = !c.probes.containsKey(ProbeState.Kind.STARTUP);
      c.ready = c.started && !c.probes.containsKey(ProbeState.Kind.READINESS);
      int gen = c.generation;
      String name = c.spec.getName();
      ctx.pipeToSelf(r.workload().exited(), (code, err) -> new Exited(name, gen, code == null ? 1 : code));
    } else if (m.result() instanceof LaunchResult.Exited x) {
      rt.api().event(pod, field, "Normal", "Created", "Created container " + c.spec.getName());
      rt.api().event(pod, field, "Normal", "Started", "Started container " + c.spec.getName());
      terminated(c, x.code(), x.code() == 0 ? "Completed" : "Error", x.message(), now, now);
    } else if (m.result() instanceof LaunchResult.Failed f) {
      rt.api().event(pod, field, "Warning", "Failed", "Error: " + f.message());
      ctx.getLog().warn("{}: container {} failed to start: {}", key, c.spec.getName(), f.message());
      terminated(c, f.code(), f.reason(), f.message(), now, now);
    }
    writeStatus();
    return Behaviors.same();
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[32];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private void addProbe(Ctr c, ProbeState.Kind kind, Probe probe, boolean present) {
    if (!present) return;
    ProbeState.Timing t = ProbeState.Timing.of(probe);
    c.probes.put(kind, new ProbeState(kind, t));
    timers.startSingleTimer(c.spec.getName() + "/" + kind, new ProbeTick(c.spec.getName(), c.generation, kind),
        Duration.ofSeconds(t.initialDelaySeconds()));
  }

  // ---------------- exits and restarts ----------------

  private Behavior<Msg> onExited(Exited m) {
    Ctr c = containers.get(m.container());
    if (c == null || c.generation != m.generation() || !c.running() || terminating) return Behaviors.same();
    Timestamp started = c.state.getRunning().getStartedAt();
    String reason = m.code() == 0 ? "Completed" : "Error";
    ctx.getLog().info("{}: container {} exited with code {}", key, c.spec.getName(), m.code());
    terminated(c, m.code(), reason, "", started, now());
    writeStatus();
    return Behaviors.same();
  }

  /** The container ended: record it, then restart it per the pod's restartPolicy. */
  private void terminated(Ctr c, int code, String reason, String message, Timestamp startedAt, Timestamp finishedAt) {
    c.workload = null;
    c.ready = false;
    c.started = false;
    c.state = ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder().setExitCode(code)
        .setReason(reason).setMessage(message).setStartedAt(startedAt).setFinishedAt(finishedAt)
        .setContainerId(c.containerId)).build();
    String policy = pod.getSpec().getRestartPolicy().isEmpty() ? "Always" : pod.getSpec().getRestartPolicy();
    boolean restart = policy.equals("Always") || policy.equals("OnFailure") && code != 0;
    if (!restart || terminating) return;
    boolean liveness = c.killing;
    c.killing = false;
    Duration delay = liveness || c.backoff.isZero() ? Duration.ZERO : c.backoff;
    c.backoff = c.backoff.isZero() ? BACKOFF_INITIAL : min(c.backoff.multipliedBy(2), BACKOFF_MAX);
    if (liveness) c.backoff = BACKOFF_INITIAL;
    if (delay.isZero()) {
      restart(c);
    } else {
      c.lastState = c.state;
      c.state = waiting("CrashLoopBackOff", "back-off " + delay.toSeconds() + "s restarting failed container="
          + c.spec.getName() + " pod=" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace()
          + "(" + pod.getMetadata().getUid() + ")");
      rt.api().event(pod, "spec.containers{" + c.spec.getName() + "}", "Warning", "BackOff",
          "Back-off restarting failed container " + c.spec.getName() + " in pod " + pod.getMetadata().getName()
              + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")");
      timers.startSingleTimer(c.spec.getName() + "/start", new StartDue(c.spec.getName(), c.generation), delay);
    }
  }

  private void restart(Ctr c) {
    if (c.state.hasTerminated()) c.lastState = c.state;
    c.restartCount++;
    rt.metrics().containerRestarts.inc();
    c.state = waiting("ContainerCreating", "");
    ctx.getLog().info("{}: restarting container {} (restart {})", key, c.spec.getName(), c.restartCount);
    launch(c);
  }

  private Behavior<Msg> onStartDue(StartDue m) {
    Ctr c = containers.get(m.container());
    if (c == null || terminating || c.generation != m.generation()) return Behaviors.same();
    if (c.image == null) {
      pullAndStart(c);
    } else {
      restart(c);
    }
    writeStatus();
    return Behaviors.same();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  // ---------------- probes ----------------

  private Behavior<Msg> onProbeTick(ProbeTick m) {
    Ctr c = containers.get(m.container());
    if (c == null || c.generation != m.generation() || !c.running() || terminating || c.killing) return Behaviors.same();
    ProbeState state = c.probes.get(m.kind());
    if (state == null) return Behaviors.same();
    if (m.kind() != ProbeState.Kind.STARTUP && !c.started) {
      timers.startSingleTimer(c.spec.getName() + "/" + m.kind(), m, Duration.ofSeconds(state.timing().periodSeconds()));
      return Behaviors.same();
    }
    Probe probe = switch (m.kind()) {
      case READINESS -> c.spec.getReadinessProbe();
      case LIVENESS -> c.spec.getLivenessProbe();
      case STARTUP -> c.spec.getStartupProbe();
    };
    int timeout = state.timing().timeoutSeconds();
    Container spec = c.spec;
    Path rootfs = podDir.resolve(spec.getName()).resolve("rootfs");
    CompletableFuture<Prober.Outcome> f = CompletableFuture.supplyAsync(
        () -> rt.prober().run(probe, spec, podIp, timeout, argv -> execProbe(c, argv, rootfs)), rt.blocking());
    ctx.pipeToSelf(f, (o, err) -> new ProbeDone(m.container(), m.generation(), m.kind(),
        o != null ? o : new Prober.Outcome(false, String.valueOf(err))));
    return Behaviors.same();
  }

  /** An exec probe through the built-in shell, in the container's root. */
  private Prober.Outcome execProbe(Ctr c, List<String> argv, Path rootfs) {
    if (argv.isEmpty()) return new Prober.Outcome(false, "exec probe has no command");
    String script;
    List<String> positional;
    String first = argv.get(0).replaceAll(".*/", "");
    if ((first.equals("sh") || first.equals("bash")) && argv.size() >= 3 && argv.get(1).equals("-c")) {
      script = argv.get(2);
      positional = argv.subList(3, argv.size());
    } else {
      StringBuilder b = new StringBuilder();
      for (String a : argv) b.append('\'').append(a.replace("'", "'\\''")).append("' ");
      script = b.toString();
      positional = List.of();
    }
    StringBuilder out = new StringBuilder();
    ShellContext sc = new ShellContext(Map.of("PATH", ContainerEnvironment.PATH), ContainerEnvironment.hostname(pod), podIp,
        rootfs, l -> out.append(l).append('\n'), rt.clock(), a -> false);
    ShellOutcome o = ShellInterpreter.run(script, positional, sc);
    if (o instanceof ShellOutcome.Exited x) {
      return new Prober.Outcome(x.code() == 0, x.code() == 0 ? "" : out.toString().strip());
    }
    if (o instanceof ShellOutcome.Failed f) {
      return new Prober.Outcome(false, f.message());
    }
    return new Prober.Outcome(false, "exec probe command does not end");
  }

  private Behavior<Msg> onProbeDone(ProbeDone m) {
    Ctr c = containers.get(m.container());
    if (c == null || c.generation != m.generation() || !c.running() || terminating || c.killing) return Behaviors.same();
    ProbeState state = c.probes.get(m.kind());
    String kindName = switch (m.kind()) {
      case READINESS -> "Readiness";
      case LIVENESS -> "Liveness";
      case STARTUP -> "Startup";
    };
    boolean ok = m.outcome().success();
    rt.metrics().probes.labelValues(kindName, ok ? "successful" : "failed").inc();
    String field = "spec.containers{" + c.spec.getName() + "}";
    if (!ok) {
      rt.api().event(pod, field, "Warning", "Unhealthy", kindName + " probe failed: " + m.outcome().output());
    }
    ProbeState.Change change = state.observe(ok);
    boolean dirty = false;
    switch (m.kind()) {
      case READINESS -> {
        if (change != ProbeState.Change.NONE) {
          c.ready = state.success();
          ctx.getLog().info("{}: container {} {}", key, c.spec.getName(), c.ready ? "ready" : "not ready: " + m.outcome().output());
          dirty = true;
        }
      }
      case STARTUP -> {
        if (change == ProbeState.Change.BECAME_SUCCESS) {
          c.started = true;
          c.ready = !c.probes.containsKey(ProbeState.Kind.READINESS);
          c.probes.remove(ProbeState.Kind.STARTUP);
          dirty = true;
        } else if (change == ProbeState.Change.BECAME_FAILURE) {
          kill(c, "Container " + c.spec.getName() + " failed startup probe, will be restarted");
          return Behaviors.same();
        }
      }
      case LIVENESS -> {
        if (change == ProbeState.Change.BECAME_FAILURE) {
          kill(c, "Container " + c.spec.getName() + " failed liveness probe, will be restarted");
          return Behaviors.same();
        }
      }
    }
    if (c.probes.containsKey(m.kind())) {
      timers.startSingleTimer(c.spec.getName() + "/" + m.kind(), new ProbeTick(m.container(), m.generation(), m.kind()),
          Duration.ofSeconds(state.timing().periodSeconds()));
    }
    if (dirty) writeStatus();
    return Behaviors.same();
  }

  private void kill(Ctr c, String message) {
    ctx.getLog().info("{}: {}", key, message);
    rt.api().event(pod, "spec.containers{" + c.spec.getName() + "}", "Normal", "Killing", message);
    c.killing = true;
    c.ready = false;
    Workload w = c.workload;
    if (w != null) {
      rt.blocking().execute(w::stop);
    }
    writeStatus();
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
    for (Ctr c : containers.values()) {
      c.ready = false;
      timers.cancel(c.spec.getName() + "/start");
      timers.cancel(c.spec.getName() + "/pull");
      if (c.workload != null) {
        rt.api().event(pod, "spec.containers{" + c.spec.getName() + "}", "Normal", "Killing",
            "Stopping container " + c.spec.getName());
        Workload w = c.workload;
        stops.add(w.exited());
        rt.blocking().execute(w::stop);
      }
    }
    writeStatus();
    CompletableFuture<Void> all = CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, Math.max(1, grace), TimeUnit.SECONDS);
    ctx.pipeToSelf(all, (v, e) -> new AllStopped());
  }

  private Behavior<Msg> onAllStopped() {
    Timestamp now = now();
    for (Ctr c : containers.values()) {
      if (c.running()) {
        int code = c.workload != null && c.workload.exited().isDone() ? c.workload.exited().join() : 137;
        c.state = ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder().setExitCode(code)
            .setReason(code == 0 ? "Completed" : "Error").setStartedAt(c.state.getRunning().getStartedAt())
            .setFinishedAt(now).setContainerId(c.containerId)).build();
        c.workload = null;
      }
      c.ready = false;
      c.started = false;
    }
    finished = true;
    ctx.getLog().info("{}: containers stopped; deleting with grace period 0", key);
    rt.api().finish(pod, status(true));
    return Behaviors.same();
  }

  private Behavior<Msg> onRemoved() {
    for (Ctr c : containers.values()) {
      if (c.workload != null) {
        Workload w = c.workload;
        rt.blocking().execute(w::stop);
      }
    }
    ctx.getLog().info("{}: removed from the API; pod IP {} released", key, podIp);
    return Behaviors.stopped();
  }

  // ---------------- status ----------------

  private void writeStatus() {
    if (finished) return;
    rt.api().updateStatus(pod, status(false));
  }

  PodStatus status(boolean terminal) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Ctr c : containers.values()) {
      ContainerStatus.Builder b = ContainerStatus.newBuilder().setName(c.spec.getName())
          .setImage(c.image != null ? c.image.image() : c.spec.getImage())
          .setImageId(c.image != null && !c.containerId.isEmpty() ? c.image.imageId() : "")
          .setContainerId(c.containerId).setReady(c.ready).setRestartCount(c.restartCount)
          .setStarted(c.running() && c.started).setState(c.state).setLastState(c.lastState);
      statuses.add(b.build());
    }
    return PodStatusBuilder.build(pod, statuses, podIp, rt.nodeIp(), startTime, terminal, rt.clock().instant());
  }

  private static ContainerState waiting(String reason, String message) {
    return ContainerState.newBuilder().setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).setMessage(message)).build();
  }

  private Timestamp now() {
    Instant i = rt.clock().instant();
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
  }
}
