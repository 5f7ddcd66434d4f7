package io.svclab.node.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ExecAction;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Probe;
import io.svclab.node.images.ImageCatalog;
import io.svclab.node.lifecycle.LifecycleAction.KillContainer;
import io.svclab.node.lifecycle.LifecycleAction.RecordEvent;
import io.svclab.node.lifecycle.LifecycleAction.RunProbe;
import io.svclab.node.lifecycle.LifecycleAction.ScheduleTimer;
import io.svclab.node.lifecycle.LifecycleAction.StartContainer;
import io.svclab.node.lifecycle.LifecycleEvent.Begin;
import io.svclab.node.lifecycle.LifecycleEvent.Exited;
import io.svclab.node.lifecycle.LifecycleEvent.LaunchOutcome;
import io.svclab.node.lifecycle.LifecycleEvent.Launched;
import io.svclab.node.lifecycle.LifecycleEvent.ProbeDue;
import io.svclab.node.lifecycle.LifecycleEvent.ProbeResult;
import io.svclab.node.lifecycle.LifecycleEvent.StartDue;
import io.svclab.node.pods.PodStatusBuilder;
import io.svclab.node.probes.ProbeState.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerLifecycleTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final ImageCatalog IMAGES = new ImageCatalog();

  /** One container driven through the rules, with the clock in the test's hand. */
  static final class Run {
    final ContainerLifecycle lifecycle;
    ContainerRecord c;
    Instant now = T0;
    List<LifecycleAction> last = List.of();
    final List<LifecycleAction> all = new ArrayList<>();

    Run(String restartPolicy, Container spec) {
      // as the API hands it over: an empty restartPolicy is the default, Always
      Pod pod = Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default").setUid("uid-1"))
          .setSpec(PodSpec.newBuilder().setRestartPolicy(restartPolicy).addContainers(spec)).build();
      lifecycle = new ContainerLifecycle(PodIdentity.of(pod, "127.244.1.2"));
      c = ContainerRecord.created(spec, IMAGES.resolve(spec.getImage()).orElse(null), 0, ContainerState.getDefaultInstance());
    }

    Run(String restartPolicy) {
      this(restartPolicy, Container.newBuilder().setName("app").setImage("nginx:1.25").build());
    }

    Run feed(LifecycleEvent e) {
      ContainerLifecycle.Decision d = lifecycle.decide(c, e, now);
      c = d.container();
      last = d.actions();
      all.addAll(last);
      return this;
    }

    Run after(Duration d) {
      now = now.plus(d);
      return this;
    }

    /** Begin (or a due restart) answered by a running program. */
    Run launchRunning() {
      return feed(new Launched(c.generation(), new LaunchOutcome.Running(), "containerd://" + c.generation()));
    }

    Run exit(int code) {
      return feed(new Exited(c.generation(), code));
    }

    <A extends LifecycleAction> List<A> actions(Class<A> type) {
      return last.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Optional<Duration> startTimer() {
      return actions(ScheduleTimer.class).stream().filter(t -> t.event() instanceof StartDue).map(ScheduleTimer::delay)
          .findFirst();
    }

    boolean startedAgain() {
      return !actions(StartContainer.class).isEmpty();
    }

    List<String> events() {
      return actions(RecordEvent.class).stream().map(e -> e.reason() + ": " + e.message()).toList();
    }
  }

  // ---------------- CrashLoopBackOff ----------------

  /** Each crash right after its start: the pause before each restart. */
  static List<Duration> crashLoop(Run run, int crashes, Duration runFor) {
    List<Duration> waits = new ArrayList<>();
    run.feed(new Begin()).launchRunning();
    for (int i = 0; i < crashes; i++) {
      run.after(runFor).exit(1);
      if (run.startedAgain()) {
        waits.add(Duration.ZERO);
      } else {
        Duration wait = run.startTimer().orElseThrow();
        waits.add(wait);
        run.after(wait).feed(new StartDue(run.c.generation()));
        assertThat(run.startedAgain()).as("restart after the back-off").isTrue();
      }
      run.launchRunning();
    }
    return waits;
  }

  static Stream<Arguments> backOffs() {
    return Stream.of(
        Arguments.of("crash loop: at once, then 10 s doubling to 5 min", Duration.ofSeconds(1), 9,
            List.of(0, 10, 20, 40, 80, 160, 300, 300, 300)),
        Arguments.of("runs shorter than 10 min keep the back-off growing", Duration.ofMinutes(4), 5,
            List.of(0, 10, 20, 40, 80)),
        Arguments.of("runs of over 10 min start over each time: no back-off", Duration.ofMinutes(11), 4,
            List.of(0, 0, 0, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backOffs")
  void backOffSequence(String name, Duration runFor, int crashes, List<Integer> expectedSeconds) {
    List<Duration> waits = crashLoop(new Run("Always"), crashes, runFor);
    assertThat(waits).isEqualTo(expectedSeconds.stream().map(s -> Duration.ofSeconds(s)).toList());
  }

  @Test
  void aLongRunAfterACrashLoopResetsTheBackOffTo10Seconds() {
    Run run = new Run("Always");
    crashLoop(run, 6, Duration.ofSeconds(1));               // window is 160 s now
    run.after(Duration.ofMinutes(11)).exit(1);               // ran 11 min: the window expired
    assertThat(run.startedAgain()).as("restarted at once").isTrue();
    run.launchRunning().after(Duration.ofSeconds(1)).exit(1);
    assertThat(run.startTimer()).contains(Duration.ofSeconds(10));
  }

  @Test
  void crashLoopBackOffHasKubeletsStateAndEvent() {
    Run run = new Run("Always");
    run.feed(new Begin()).launchRunning().exit(1).launchRunning();
    run.after(Duration.ofSeconds(1)).exit(2);
    assertThat(run.c.state().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(run.c.state().getWaiting().getMessage())
        .isEqualTo("back-off 10s restarting failed container=app pod=web_default(uid-1)");
    assertThat(run.c.lastState().getTerminated().getExitCode()).isEqualTo(2);
    assertThat(run.c.restartCount()).isEqualTo(1);
    assertThat(run.events()).containsExactly("BackOff: Back-off restarting failed container app in pod web_default(uid-1)");
  }

  static Stream<Arguments> windowTexts() {
    return Stream.of(
        Arguments.of("seconds", 40, "40s"),
        Arguments.of("minutes and seconds as Go prints them", 80, "1m20s"),
        Arguments.of("the cap", 300, "5m0s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windowTexts")
  void backOffWindowText(String name, int seconds, String text) {
    assertThat(new RestartBackOff(Duration.ofSeconds(seconds), T0).windowText()).isEqualTo(text);
  }

  // ---------------- restartPolicy and the pod phase ----------------

  static Stream<Arguments> restartPolicies() {
    return Stream.of(
        Arguments.of("Always restarts a clean exit", "Always", 0, true, "Running"),
        Arguments.of("Always restarts a failure", "Always", 1, true, "Running"),
        Arguments.of("OnFailure restarts a failure", "OnFailure", 1, true, "Running"),
        Arguments.of("OnFailure leaves a clean exit: Succeeded", "OnFailure", 0, false, "Succeeded"),
        Arguments.of("Never leaves a clean exit: Succeeded", "Never", 0, false, "Succeeded"),
        Arguments.of("Never leaves a failure: Failed", "Never", 1, false, "Failed"),
        Arguments.of("an empty policy is Always", "", 1, true, "Running"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("restartPolicies")
  void restartPolicy(String name, String policy, int code, boolean restarts, String phase) {
    Run run = new Run(policy);
    run.feed(new Begin()).launchRunning().exit(code);
    assertThat(run.startedAgain()).isEqualTo(restarts);
    assertThat(run.c.restartCount()).isEqualTo(restarts ? 1 : 0);
    if (restarts) run.launchRunning();
    assertThat(PodStatusBuilder.phase(policy, List.of(run.c.spec()), List.of(run.c.status()), false)).isEqualTo(phase);
  }

  static Stream<Arguments> phases() {
    return Stream.of(
        Arguments.of("created, not started: Pending", (Step) r -> r.feed(new Begin()), "Pending"),
        Arguments.of("running: Running", (Step) r -> r.feed(new Begin()).launchRunning(), "Running"),
        Arguments.of("unknown image: Pending", (Step) r -> r.feed(new Begin()), "Pending"),
        Arguments.of("crash loop after a run: Running",
            (Step) r -> r.feed(new Begin()).launchRunning().exit(1).launchRunning().exit(1), "Running"),
        Arguments.of("program that could not start, Never: Failed",
            (Step) r -> r.feed(new Begin()).feed(new Launched(1, new LaunchOutcome.Failed(127, "StartError", "no"), "id")),
            "Failed"));
  }

  interface Step {
    Run apply(Run r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phases")
  void phaseFromContainerStates(String name, Step steps, String phase) {
    String policy = name.contains("Never") ? "Never" : "Always";
    Container spec = Container.newBuilder().setName("app").setImage(name.contains("unknown") ? "example.com/nope:1" : "nginx")
        .build();
    Run run = steps.apply(new Run(policy, spec));
    assertThat(PodStatusBuilder.phase(policy, List.of(spec), List.of(run.c.status()), false)).isEqualTo(phase);
  }

  // ---------------- image pulls ----------------

  @Test
  void anUnknownImageShowsErrImagePullThenImagePullBackOffGrowing() {
    Container spec = Container.newBuilder().setName("app").setImage("example.com/nope:1").build();
    Run run = new Run("Always", spec).feed(new Begin());
    assertThat(run.c.state().getWaiting().getReason()).isEqualTo("ErrImagePull");
    assertThat(run.events()).containsExactly("Pulling: Pulling image \"example.com/nope:1\"",
        "Failed: Failed to pull image \"example.com/nope:1\": rpc error: code = NotFound desc = failed to pull and unpack "
            + "image \"example.com/nope:1\": failed to resolve reference \"example.com/nope:1\": example.com/nope:1: not found",
        "Failed: Error: ErrImagePull");
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      run.after(Duration.ofSeconds(1)).feed(new LifecycleEvent.PullBackOffDue(run.c.generation()));
      assertThat(run.c.state().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
      Duration wait = run.startTimer().orElseThrow();
      waits.add(wait);
      run.after(wait).feed(new StartDue(run.c.generation()));
    }
    assertThat(waits).extracting(Duration::toSeconds).containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L);
  }

  // ---------------- probes ----------------

  static Probe probe(int initialDelay, int period, int success, int failure) {
    return Probe.newBuilder().setExec(ExecAction.newBuilder().addCommand("true")).setInitialDelaySeconds(initialDelay)
        .setPeriodSeconds(period).setSuccessThreshold(success).setFailureThreshold(failure).build();
  }

  /** Probe results by kind, as a string: R+ readiness success, L- liveness failure, S+ startup success. */
  static Run probeRun(Container spec, String results) {
    Run run = new Run("Always", spec).feed(new Begin()).launchRunning();
    for (int i = 0; i < results.length(); i += 2) {
      Kind kind = switch (results.charAt(i)) {
        case 'R' -> Kind.READINESS;
        case 'L' -> Kind.LIVENESS;
        default -> Kind.STARTUP;
      };
      run.after(Duration.ofSeconds(10)).feed(new ProbeResult(run.c.generation(), kind, results.charAt(i + 1) == '+',
          "HTTP probe failed with statuscode: 500"));
    }
    return run;
  }

  static Container withProbes(Probe readiness, Probe liveness, Probe startup) {
    Container.Builder b = Container.newBuilder().setName("app").setImage("nginx");
    if (readiness != null) b.setReadinessProbe(readiness);
    if (liveness != null) b.setLivenessProbe(liveness);
    if (startup != null) b.setStartupProbe(startup);
    return b.build();
  }

  static Stream<Arguments> probeThresholds() {
    Probe one = probe(0, 10, 1, 3);
    Probe two = probe(0, 10, 2, 3);
    Probe startup = probe(0, 10, 1, 2);
    return Stream.of(
        Arguments.of("no probes: ready at start", withProbes(null, null, null), "", true, false),
        Arguments.of("readiness: not ready until the first success", withProbes(one, null, null), "", false, false),
        Arguments.of("readiness: ready after one success", withProbes(one, null, null), "R+", true, false),
        Arguments.of("readiness: successThreshold 2 needs two in a row", withProbes(two, null, null), "R+R-R+", false, false),
        Arguments.of("readiness: successThreshold 2 met", withProbes(two, null, null), "R+R+", true, false),
        Arguments.of("readiness: unready after failureThreshold, never killed", withProbes(one, null, null), "R+R-R-R-R-",
            false, false),
        Arguments.of("readiness: two failures are below the threshold", withProbes(one, null, null), "R+R-R-", true, false),
        Arguments.of("liveness: failures below the threshold are tolerated", withProbes(null, one, null), "L-L-L+L-L-",
            true, false),
        Arguments.of("liveness: failureThreshold in a row kills", withProbes(null, one, null), "L-L-L-", false, true),
        Arguments.of("startup: not ready before it succeeds", withProbes(null, null, startup), "S-", false, false),
        Arguments.of("startup: success makes a probe-less container ready", withProbes(null, null, startup), "S-S+", true,
            false),
        Arguments.of("startup: success still waits for readiness", withProbes(one, null, startup), "S+", false, false),
        Arguments.of("startup: failureThreshold kills", withProbes(one, one, startup), "S-S-", false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probeThresholds")
  void probeThresholds(String name, Container spec, String results, boolean ready, boolean killed) {
    Run run = probeRun(spec, results);
    assertThat(run.c.ready()).as("ready").isEqualTo(ready);
    assertThat(run.all.stream().anyMatch(a -> a instanceof KillContainer)).as("killed").isEqualTo(killed);
  }

  @Test
  void livenessFailureEventsAndAnImmediateRestart() {
    Run run = probeRun(withProbes(null, probe(0, 10, 1, 3), null), "L-L-L-");
    assertThat(run.events()).containsExactly("Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500",
        "Killing: Container app failed liveness probe, will be restarted");
    run.exit(137);
    assertThat(run.startedAgain()).as("restarted at once, no back-off").isTrue();
    assertThat(run.c.restartCount()).isEqualTo(1);
    assertThat(run.c.lastState().getTerminated().getExitCode()).isEqualTo(137);
  }

  @Test
  void startupFailureMessage() {
    Run run = probeRun(withProbes(null, null, probe(0, 10, 1, 1)), "S-");
    assertThat(run.events()).contains("Killing: Container app failed startup probe, will be restarted");
  }

  static Stream<Arguments> probeTimers() {
    return Stream.of(
        Arguments.of("first probe after initialDelaySeconds", withProbes(probe(5, 7, 1, 3), null, null),
            (Step) r -> r, Kind.READINESS, 5),
        Arguments.of("the next one after periodSeconds", withProbes(probe(5, 7, 1, 3), null, null),
            (Step) r -> r.feed(new ProbeResult(1, Kind.READINESS, true, "")), Kind.READINESS, 7),
        Arguments.of("periodSeconds defaults to 10", withProbes(null, probe(0, 0, 0, 0), null),
            (Step) r -> r.feed(new ProbeResult(1, Kind.LIVENESS, true, "")), Kind.LIVENESS, 10),
        Arguments.of("readiness waits a period while startup has not succeeded",
            withProbes(probe(0, 4, 1, 3), null, probe(0, 2, 1, 30)),
            (Step) r -> r.feed(new ProbeDue(1, Kind.READINESS)), Kind.READINESS, 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probeTimers")
  void probeTimers(String name, Container spec, Step steps, Kind kind, int seconds) {
    Run run = steps.apply(new Run("Always", spec).feed(new Begin()).launchRunning());
    assertThat(run.actions(RunProbe.class)).as("no probe run yet").isEmpty();
    assertThat(run.actions(ScheduleTimer.class)).filteredOn(t -> t.event() instanceof ProbeDue p && p.kind() == kind)
        .extracting(ScheduleTimer::delay).containsExactly(Duration.ofSeconds(seconds));
  }

  @Test
  void aDueProbeOfAStartedContainerRuns() {
    Run run = new Run("Always", withProbes(probe(0, 10, 1, 3), null, null)).feed(new Begin()).launchRunning();
    run.feed(new ProbeDue(1, Kind.READINESS));
    assertThat(run.actions(RunProbe.class)).containsExactly(new RunProbe(Kind.READINESS, 1));
  }

  // ---------------- stale results and deletion ----------------

  @Test
  void resultsOfAnEarlierStartAreIgnored() {
    Run run = new Run("Always").feed(new Begin()).launchRunning().exit(1).launchRunning();
    ContainerRecord before = run.c;
    run.feed(new Exited(1, 0));
    assertThat(run.c).isEqualTo(before);
    assertThat(run.last).isEmpty();
  }

  @Test
  void deletionStopsARunningContainerAndNeverRestartsIt() {
    Run run = new Run("Always").feed(new Begin()).launchRunning().feed(new LifecycleEvent.Terminate());
    assertThat(run.events()).containsExactly("Killing: Stopping container app");
    assertThat(run.actions(KillContainer.class)).hasSize(1);
    run.exit(0);
    assertThat(run.startedAgain()).isFalse();
    run.feed(new LifecycleEvent.Stopped(0));
    assertThat(run.c.state().getTerminated().getReason()).isEqualTo("Completed");
    assertThat(PodStatusBuilder.phase("Always", List.of(run.c.spec()), List.of(run.c.status()), true)).isEqualTo("Succeeded");
  }

  @Test
  void aLaunchThatArrivesAfterDeletionIsDiscarded() {
    Run run = new Run("Always").feed(new Begin()).feed(new LifecycleEvent.Terminate()).launchRunning();
    assertThat(run.last).containsExactly(new LifecycleAction.DiscardProgram());
    assertThat(run.c.running()).isFalse();
  }
}
