package io.svclab.client.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The one Pekko ActorSystem of a svclab process. Its guardian only spawns (Pekko's
 * {@link SpawnProtocol}): each controller's actor, the node-agent's pod manager, are its
 * children, and share its dispatcher threads and scheduler instead of each running a system of
 * their own. Closing it (last, from the process' shutdown sequence) stops every actor.
 *
 * <pre>
 * ProcessActors actors = process.register("actors", ProcessActors.start("workload-controller"));
 * new Controller(actors, ControllerOptions.named("deployment-controller"), reconciler) ...
 * </pre>
 */
public final class ProcessActors implements AutoCloseable {
  private static final Config PEKKO = ConfigFactory.parseString("""
      pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
      pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
      pekko.loglevel = INFO
      pekko.jvm-shutdown-hooks = off
      pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
      pekko.log-dead-letters-during-shutdown = off
      # a stopped controller's reconciles still finishing, a removed pod's probe results: expected, not news
      pekko.log-dead-letters = off
      """);
  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);  // a ceiling; the shutdown budget governs

  private final ActorSystem<SpawnProtocol.Command> system;
  private final AtomicInteger spawned = new AtomicInteger();

  private ProcessActors(ActorSystem<SpawnProtocol.Command> system) {
    this.system = system;
  }

  /** Starts the process' ActorSystem, named after the process. */
  public static ProcessActors start(String processName) {
    return new ProcessActors(ActorSystem.create(SpawnProtocol.create(), systemName(processName),
        PEKKO.withFallback(ConfigFactory.load())));
  }

  /**
   * A new top-level actor. {@code name} need not be unique: a sequence number keeps a restarted
   * controller's actor apart from its stopping predecessor.
   */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
    String unique = actorName(name) + "-" + spawned.incrementAndGet();
    CompletionStage<ActorRef<T>> ref = AskPattern.ask(system,
        replyTo -> new SpawnProtocol.Spawn<>(behavior, unique, Props.empty(), replyTo), SPAWN_TIMEOUT, system.scheduler());
    try {
      return ref.toCompletableFuture().get(SPAWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while spawning " + unique, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot spawn " + unique + ": " + e, e);
    }
  }

  /** The system's scheduler, for asks and timers outside actors. */
  public Scheduler scheduler() {
    return system.scheduler();
  }

  /** Stops every actor of the process; waits briefly. */
  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An ActorSystem name: letters, digits, {@code -} and {@code _}, starting with a letter or digit. */
  static String systemName(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9_-]", "-");
    return cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0)) ? "svclab-" + cleaned : cleaned;
  }

  /** An actor name: no blanks, slashes or {@code $} (Pekko reserves a leading one). */
  static String actorName(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9_.-]", "-");
    return cleaned.isEmpty() ? "actor" : cleaned;
  }
}
